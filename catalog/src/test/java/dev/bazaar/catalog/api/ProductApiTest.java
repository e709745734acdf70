package dev.bazaar.catalog.api;

import static dev.bazaar.catalog.testsupport.CatalogApi.asAdmin;
import static dev.bazaar.catalog.testsupport.CatalogApi.createProduct;
import static dev.bazaar.catalog.testsupport.CatalogApi.uniqueSku;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bazaar.catalog.testsupport.CatalogDatabase;
import dev.bazaar.catalog.testsupport.StockRow;
import dev.bazaar.events.Contracts;
import dev.bazaar.events.Envelope;
import dev.bazaar.events.MessageCodec;
import dev.bazaar.events.product.ProductCreated;
import dev.bazaar.events.product.ProductPriceChanged;
import dev.bazaar.infra.testing.Collector;
import dev.bazaar.infra.testing.RabbitMqExtension;
import dev.bazaar.infra.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ProductApiTest {

    private static final String EVENTS = "catalog.events";
    private static final MessageCodec CODEC = new MessageCodec();

    @RegisterExtension
    static final RabbitMqExtension broker = new RabbitMqExtension();

    @Test
    void createdProductIsReturnedWithLocationStoredAndAnnouncedAsProductCreated() {
        String sku = uniqueSku("CUP");
        try (Collector events = broker.collect(EVENTS, "product.created")) {
            var response = asAdmin()
                    .body(Map.of("sku", sku, "name", " Espresso cup ", "price", "12.5", "initialStock", 7))
                    .post("/products")
                    .then().statusCode(201).contentType(ContentType.JSON)
                    .body("sku", equalTo(sku))
                    .body("name", equalTo("Espresso cup"))
                    .body("price", equalTo("12.50"))
                    .body("available", equalTo(7))
                    .extract();
            UUID id = UUID.fromString(response.path("id"));
            assertThat(response.header("Location")).endsWith("/products/" + id);

            Envelope event = events.awaitEnvelope(envelope -> envelope.aggregateId().equals(id.toString()));
            assertThat(event.type()).isEqualTo("product.created");
            assertThat(event.source()).isEqualTo("catalog");
            assertThat(CODEC.payload(event, Contracts.PRODUCT_CREATED))
                    .isEqualTo(new ProductCreated(id, sku, "Espresso cup", new BigDecimal("12.50")));
            assertThat(CatalogDatabase.stock(id)).isEqualTo(new StockRow(7, 0, 0, 7));
        }
    }

    @Test
    void productIsReadWithoutTokenWithPriceAndAvailableStock() {
        String sku = uniqueSku("GET");
        UUID id = createProduct(sku, "Teapot", "30.00", 4);

        given().get("/products/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("sku", equalTo(sku))
                .body("name", equalTo("Teapot"))
                .body("price", equalTo("30.00"))
                .body("available", equalTo(4));
    }

    @Test
    void unknownProductIsANotFoundProblem() {
        UUID unknown = UUID.randomUUID();

        given().get("/products/{id}", unknown)
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Product not found"))
                .body("detail", equalTo("No product with id " + unknown));
    }

    @Test
    void listIsSortedBySkuAndPagedWithTheTotalOfAllMatches() {
        String tag = "LST" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        for (String letter : List.of("C", "A", "E", "B", "D")) {
            createProduct(tag + "-" + letter, "Paged item " + letter, "1.00", 1);
        }

        given().queryParam("q", tag).queryParam("page", 0).queryParam("size", 2).get("/products")
                .then().statusCode(200)
                .body("items.sku", contains(tag + "-A", tag + "-B"))
                .body("page", equalTo(0)).body("size", equalTo(2)).body("total", equalTo(5));
        given().queryParam("q", tag).queryParam("page", 2).queryParam("size", 2).get("/products")
                .then().statusCode(200)
                .body("items.sku", contains(tag + "-E"))
                .body("total", equalTo(5));
        given().queryParam("q", tag).queryParam("page", 3).queryParam("size", 2).get("/products")
                .then().statusCode(200)
                .body("items", empty())
                .body("total", equalTo(5));
    }

    @Test
    void listWithoutParametersReturnsTheFirstPageOfTwenty() {
        createProduct("1.00", 1);

        given().get("/products")
                .then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(20));
    }

    @Test
    void searchMatchesSkuOrNameAnywhereIgnoringCase() {
        String tag = "qx" + UUID.randomUUID().toString().substring(0, 6);
        String skuMatch = "A-" + tag.toUpperCase() + "-MUG";
        String nameMatch = uniqueSku("B");
        createProduct(skuMatch, "Mug", "4.00", 1);
        createProduct(nameMatch, "Big " + tag.toUpperCase() + " teapot", "25.00", 1);
        createProduct(uniqueSku("C"), "Unrelated " + tag.substring(0, 3), "1.00", 1);

        given().queryParam("q", tag).get("/products")
                .then().statusCode(200)
                .body("items.sku", contains(skuMatch, nameMatch))
                .body("total", equalTo(2));
        given().queryParam("q", tag + "%").get("/products")
                .then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void repricingReturnsTheProductAndAnnouncesOldAndNewPrice() {
        String sku = uniqueSku("PRC");
        UUID id = createProduct(sku, "Saucer", "10.00", 3);
        try (Collector events = broker.collect(EVENTS, "product.price-changed")) {
            asAdmin().body(Map.of("price", "11.9")).put("/products/{id}/price", id)
                    .then().statusCode(200)
                    .body("price", equalTo("11.90"))
                    .body("available", equalTo(3));

            Envelope event = events.awaitEnvelope(envelope -> envelope.aggregateId().equals(id.toString()));
            assertThat(CODEC.payload(event, Contracts.PRODUCT_PRICE_CHANGED)).isEqualTo(new ProductPriceChanged(id, sku,
                    new BigDecimal("10.00"), new BigDecimal("11.90")));
        }
        given().get("/products/{id}", id).then().body("price", equalTo("11.90"));
    }

    @Test
    void repricingToTheSamePriceChangesNothingAndAnnouncesNothing() {
        UUID id = createProduct("10.00", 3);
        List<String> before = CatalogDatabase.productSnapshot();
        try (Collector events = broker.collect(EVENTS, "product.price-changed")) {
            asAdmin().body(Map.of("price", "10.0")).put("/products/{id}/price", id)
                    .then().statusCode(200).body("price", equalTo("10.00"));
            assertThat(CatalogDatabase.productSnapshot()).as("row and version untouched").isEqualTo(before);

            // The relay publishes in commit order: once the later change arrived, an event of the no-op would have too.
            asAdmin().body(Map.of("price", "10.50")).put("/products/{id}/price", id).then().statusCode(200);
            events.awaitEnvelope(envelope -> envelope.aggregateId().equals(id.toString()));
            assertThat(events.envelopes()).filteredOn(envelope -> envelope.aggregateId().equals(id.toString()))
                    .singleElement()
                    .satisfies(envelope -> assertThat(CODEC.payload(envelope, Contracts.PRODUCT_PRICE_CHANGED)
                            .oldPrice()).isEqualByComparingTo("10.00"));
        }
    }

    @Test
    void restockAddsToTheAvailableStock() {
        UUID id = createProduct("2.00", 3);

        asAdmin().body(Map.of("quantity", 4)).post("/products/{id}/restock", id)
                .then().statusCode(200)
                .body("available", equalTo(7));

        assertThat(CatalogDatabase.stock(id)).isEqualTo(new StockRow(7, 0, 0, 7));
    }

    @Test
    void createRetriedWithTheSameIdempotencyKeyGetsTheFirstResponseAndCreatesNothingNew() {
        String admin = TestTokens.admin();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("sku", uniqueSku("IDEM"), "name", "Idempotent cup", "price", "5.00",
                "initialStock", 2);
        var first = given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/products")
                .then().statusCode(201).extract();
        long count = CatalogDatabase.productCount();

        given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/products")
                .then().statusCode(201).contentType(ContentType.JSON)
                .header("Location", equalTo(first.header("Location")))
                .body(equalTo(first.asString()));

        assertThat(CatalogDatabase.productCount()).isEqualTo(count);
    }

    @Test
    void idempotencyKeyReusedWithAnotherRequestIsRefused() {
        String admin = TestTokens.admin();
        String key = UUID.randomUUID().toString();
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("sku", uniqueSku("IDEM"), "name", "First", "price", "5.00", "initialStock", 2))
                .post("/products").then().statusCode(201);
        List<String> before = CatalogDatabase.productSnapshot();

        given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("sku", uniqueSku("OTHER"), "name", "Second", "price", "5.00", "initialStock", 2))
                .post("/products")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString(key));

        assertThat(CatalogDatabase.productSnapshot()).isEqualTo(before);
    }

    @Test
    void openApiDocumentDescribesTheProductEndpoints() {
        given().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("info.title", equalTo("Bazaar catalog API"))
                .body("paths.'/products'.post.summary", equalTo("Add a product"));
    }
}
