package dev.bazaar.catalog.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bazaar.infra.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Calls to catalog's HTTP API as an admin, for arranging test data. */
public final class CatalogApi {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private CatalogApi() {
    }

    /** A sku no other test uses, starting with {@code prefix}. */
    public static String uniqueSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-"
                + SEQUENCE.incrementAndGet();
    }

    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    /** Creates a product and returns its id. */
    public static UUID createProduct(String sku, String name, String price, int initialStock) {
        String id = asAdmin()
                .body(Map.of("sku", sku, "name", name, "price", price, "initialStock", initialStock))
                .post("/products")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    public static UUID createProduct(String price, int initialStock) {
        String sku = uniqueSku("P");
        return createProduct(sku, "Product " + sku, price, initialStock);
    }

    public static String skuOf(UUID productId) {
        return given().get("/products/{id}", productId).then().statusCode(200).extract().path("sku");
    }

    public static void restock(UUID productId, int quantity) {
        asAdmin().body(Map.of("quantity", quantity)).post("/products/{id}/restock", productId)
                .then().statusCode(200);
    }
}
