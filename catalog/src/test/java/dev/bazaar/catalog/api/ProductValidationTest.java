package dev.bazaar.catalog.api;

import static dev.bazaar.catalog.testsupport.CatalogApi.asAdmin;
import static dev.bazaar.catalog.testsupport.CatalogApi.createProduct;
import static dev.bazaar.catalog.testsupport.CatalogApi.uniqueSku;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.bazaar.catalog.testsupport.CatalogDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every bad input is a 4xx problem with a clear detail, and the product table is exactly as before. */
@QuarkusTest
class ProductValidationTest {

    private static final String PROBLEM = "application/problem+json";

    private UUID productId;
    private List<String> before;

    @BeforeEach
    void arrange() {
        productId = createProduct("10.00", 5);
        before = CatalogDatabase.productSnapshot();
    }

    static Stream<Arguments> invalidNewProducts() {
        String sku = uniqueSku("VAL");
        return Stream.of(
                arguments("missing sku", "{\"name\":\"Cup\",\"price\":\"1.00\",\"initialStock\":1}", "sku"),
                arguments("blank sku", create("  ", "Cup", "\"1.00\"", "1"), "sku"),
                arguments("sku with spaces", create("A B", "Cup", "\"1.00\"", "1"), "sku"),
                arguments("sku too long", create("S".repeat(65), "Cup", "\"1.00\"", "1"), "sku"),
                arguments("missing name", "{\"sku\":\"" + sku + "\",\"price\":\"1.00\",\"initialStock\":1}", "name"),
                arguments("blank name", create(sku, " ", "\"1.00\"", "1"), "name"),
                arguments("name too long", create(sku, "n".repeat(201), "\"1.00\"", "1"), "name"),
                arguments("missing price", "{\"sku\":\"" + sku + "\",\"name\":\"Cup\",\"initialStock\":1}", "price"),
                arguments("zero price", create(sku, "Cup", "0", "1"), "price"),
                arguments("negative price", create(sku, "Cup", "\"-1.00\"", "1"), "price"),
                arguments("price with three decimals", create(sku, "Cup", "1.005", "1"), "price"),
                arguments("missing initial stock", "{\"sku\":\"" + sku + "\",\"name\":\"Cup\",\"price\":\"1.00\"}",
                        "initialStock"),
                arguments("negative initial stock", create(sku, "Cup", "\"1.00\"", "-1"), "initialStock"),
                arguments("huge initial stock", create(sku, "Cup", "\"1.00\"", "1000001"), "initialStock"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidNewProducts")
    void invalidNewProductIsRefusedNamingTheFieldAndNothingIsStored(String description, String body, String field) {
        asAdmin().body(body).post("/products")
                .then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field))
                .body("detail", containsString(field));

        assertNothingChanged();
    }

    static Stream<Arguments> malformedNewProducts() {
        String sku = uniqueSku("BAD");
        return Stream.of(
                arguments("truncated JSON", "{\"sku\": \"" + sku + "\", "),
                arguments("not an object", "[1, 2]"),
                arguments("price not a number", create(sku, "Cup", "\"cheap\"", "1")),
                arguments("stock not a number", create(sku, "Cup", "\"1.00\"", "\"many\"")),
                arguments("fractional stock", create(sku, "Cup", "\"1.00\"", "2.5")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedNewProducts")
    void malformedNewProductIsABadRequestProblemAndNothingIsStored(String description, String body) {
        asAdmin().body(body).post("/products")
                .then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("detail", not(emptyOrNullString()));

        assertNothingChanged();
    }

    @Test
    void emptyBodyIsABadRequestProblemAndNothingIsStored() {
        asAdmin().post("/products")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", not(emptyOrNullString()));

        assertNothingChanged();
    }

    @Test
    void duplicateSkuIsAConflictProblemAndNothingIsStored() {
        String sku = given().get("/products/{id}", productId).then().extract().path("sku");

        asAdmin().body(Map.of("sku", sku, "name", "Copy", "price", "2.00", "initialStock", 3)).post("/products")
                .then().statusCode(409).contentType(PROBLEM)
                .body("title", equalTo("Duplicate sku"))
                .body("detail", equalTo("A product with sku " + sku + " already exists"));

        assertNothingChanged();
    }

    @Test
    void concurrentCreatesOfTheSameSkuStoreOneProductAndTheOthersConflict() throws Exception {
        String sku = uniqueSku("RACE");
        Map<String, Object> body = Map.of("sku", sku, "name", "Raced", "price", "2.00", "initialStock", 3);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return asAdmin().body(body).post("/products").statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get(30, TimeUnit.SECONDS));
            }

            assertThat(codes).containsOnly(201, 409).filteredOn(code -> code == 201).hasSize(1);
            given().queryParam("q", sku).get("/products").then().body("total", equalTo(1));
        } finally {
            pool.shutdownNow();
        }
    }

    static Stream<Arguments> invalidPrices() {
        return Stream.of(
                arguments("missing price", "{}"),
                arguments("zero price", "{\"price\":0}"),
                arguments("negative price", "{\"price\":\"-5.00\"}"),
                arguments("price with three decimals", "{\"price\":\"9.999\"}"),
                arguments("price not a number", "{\"price\":\"free\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPrices")
    void invalidPriceIsRefusedAndThePriceStays(String description, String body) {
        asAdmin().body(body).put("/products/{id}/price", productId)
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("price"));

        assertNothingChanged();
    }

    static Stream<Arguments> invalidRestocks() {
        return Stream.of(
                arguments("missing quantity", "{}"),
                arguments("zero quantity", "{\"quantity\":0}"),
                arguments("negative quantity", "{\"quantity\":-3}"),
                arguments("huge quantity", "{\"quantity\":1000001}"),
                arguments("quantity not a number", "{\"quantity\":\"lots\"}"),
                arguments("fractional quantity", "{\"quantity\":1.5}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRestocks")
    void invalidRestockIsRefusedAndTheStockStays(String description, String body) {
        asAdmin().body(body).post("/products/{id}/restock", productId)
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("quantity"));

        assertNothingChanged();
    }

    @Test
    void repricingAnUnknownProductIsANotFoundProblem() {
        UUID unknown = UUID.randomUUID();

        asAdmin().body(Map.of("price", "1.00")).put("/products/{id}/price", unknown)
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("No product with id " + unknown));

        assertNothingChanged();
    }

    @Test
    void restockingAnUnknownProductIsANotFoundProblem() {
        UUID unknown = UUID.randomUUID();

        asAdmin().body(Map.of("quantity", 1)).post("/products/{id}/restock", unknown)
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("No product with id " + unknown));

        assertNothingChanged();
    }

    @Test
    void productIdThatIsNotAUuidIsNotFound() {
        given().get("/products/{id}", "not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    static Stream<Arguments> invalidPaging() {
        return Stream.of(
                arguments("size 0", "0", "0", "size"),
                arguments("size 101", "0", "101", "size"),
                arguments("negative page", "-1", "20", "page"),
                arguments("search text too long", "0", "20", "q"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPaging")
    void invalidListParametersAreABadRequestProblem(String description, String page, String size, String field) {
        ValidatableResponse response = given()
                .queryParam("page", page).queryParam("size", size)
                .queryParam("q", field.equals("q") ? "x".repeat(101) : "")
                .get("/products")
                .then().log().ifValidationFails();

        response.statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem(field))
                .body("detail", containsString(field));
    }

    private void assertNothingChanged() {
        assertThat(CatalogDatabase.productSnapshot()).isEqualTo(before);
    }

    private static String create(String sku, String name, String priceJson, String stockJson) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"price\":" + priceJson + ",\"initialStock\":"
                + stockJson + "}";
    }
}
