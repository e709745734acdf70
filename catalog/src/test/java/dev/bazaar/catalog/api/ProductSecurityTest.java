package dev.bazaar.catalog.api;

import static dev.bazaar.catalog.testsupport.CatalogApi.createProduct;
import static dev.bazaar.catalog.testsupport.CatalogApi.uniqueSku;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.bazaar.catalog.testsupport.CatalogDatabase;
import dev.bazaar.infra.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ProductSecurityTest {

    /** Every endpoint that changes the catalog; each needs the admin role. */
    enum AdminCall {
        CREATE {
            @Override
            Response send(RequestSpecification request, UUID productId) {
                return request.body(Map.of("sku", uniqueSku("SEC"), "name", "Secure", "price", "1.00",
                        "initialStock", 1)).post("/products");
            }
        },
        REPRICE {
            @Override
            Response send(RequestSpecification request, UUID productId) {
                return request.body(Map.of("price", "99.00")).put("/products/{id}/price", productId);
            }
        },
        RESTOCK {
            @Override
            Response send(RequestSpecification request, UUID productId) {
                return request.body(Map.of("quantity", 50)).post("/products/{id}/restock", productId);
            }
        };

        abstract Response send(RequestSpecification request, UUID productId);
    }

    private UUID productId;
    private List<String> before;

    @BeforeEach
    void arrange() {
        productId = createProduct("1.00", 1);
        before = CatalogDatabase.productSnapshot();
    }

    @ParameterizedTest
    @EnumSource(AdminCall.class)
    void adminEndpointWithoutTokenIsUnauthorizedAndChangesNothing(AdminCall call) {
        call.send(given().contentType(ContentType.JSON), productId).then().statusCode(401);

        assertThat(CatalogDatabase.productSnapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(AdminCall.class)
    void adminEndpointWithExpiredTokenIsUnauthorizedAndChangesNothing(AdminCall call) {
        call.send(withToken(TestTokens.expired(UUID.randomUUID())), productId).then().statusCode(401);

        assertThat(CatalogDatabase.productSnapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(AdminCall.class)
    void adminEndpointWithTokenSignedByAnotherKeyIsUnauthorizedAndChangesNothing(AdminCall call) {
        call.send(withToken(TestTokens.signedByOtherKey(UUID.randomUUID())), productId).then().statusCode(401);

        assertThat(CatalogDatabase.productSnapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(AdminCall.class)
    void adminEndpointIsForbiddenForACustomerAndChangesNothing(AdminCall call) {
        String customer = TestTokens.customer(UUID.randomUUID(), "shopper@example.test");

        call.send(withToken(customer), productId).then().statusCode(403);

        assertThat(CatalogDatabase.productSnapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(AdminCall.class)
    void adminEndpointAcceptsAnAdmin(AdminCall call) {
        int expected = call == AdminCall.CREATE ? 201 : 200;

        call.send(withToken(TestTokens.admin()), productId).then().statusCode(expected);
    }

    @Test
    void productsCanBeReadWithoutToken() {
        given().get("/products").then().statusCode(200);
        given().get("/products/{id}", productId).then().statusCode(200);
    }

    @Test
    void productsCanBeReadByACustomer() {
        given().auth().oauth2(TestTokens.customer(UUID.randomUUID())).get("/products/{id}", productId)
                .then().statusCode(200);
    }

    private static RequestSpecification withToken(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
