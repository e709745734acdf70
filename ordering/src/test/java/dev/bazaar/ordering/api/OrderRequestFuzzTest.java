package dev.bazaar.ordering.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.TestDatabase;
import dev.bazaar.infra.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Mutation fuzzing of {@code POST /orders}, the busiest public command: mutated bodies, odd Idempotency-Keys and
 * tampered tokens never get a 5xx, every refusal is problem details with its own status, a tampered or foreign token
 * is always 401, and exactly the accepted requests created orders. Repeatable with {@code -Dbazaar.fuzz.seed}.
 */
@QuarkusTest
class OrderRequestFuzzTest {

    private static final long SEED = Long.getLong("bazaar.fuzz.seed", 20261206L);
    private static final int CASES = Integer.getInteger("bazaar.fuzz.http-cases", 250);
    private static final String[] KEYS = {"", " ", "k".repeat(201), "a\tb", "../x", "k".repeat(200)};
    private static final String TOKENS = "{}[]\",:-0e9tfn ";

    @Test
    void mutatedOrderRequestsAreAnsweredWithoutServerErrorsAndCreateExactlyTheAcceptedOrders() {
        Random random = new Random(SEED);
        UUID customer = UUID.randomUUID();
        String token = TestTokens.customer(customer);
        byte[] valid = ("{\"lines\":[{\"productId\":\"" + UUID.randomUUID() + "\",\"quantity\":2},"
                + "{\"productId\":\"" + UUID.randomUUID() + "\",\"quantity\":1}]}").getBytes(StandardCharsets.UTF_8);
        Set<String> placed = new HashSet<>();
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] body = mutate(valid, random);
            String key = random.nextInt(4) == 0 ? KEYS[random.nextInt(KEYS.length)] : UUID.randomUUID().toString();
            Response response = given().auth().oauth2(token).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body).post("/orders");
            String what = "case " + i + " (seed " + SEED + "): " + new String(body, StandardCharsets.UTF_8)
                    + " with key '" + key + "'";
            assertThat(response.statusCode()).as(what).isLessThan(500);
            if (response.statusCode() >= 400) {
                assertProblem(response, what);
                refused++;
            } else {
                assertThat(response.statusCode()).as(what).isEqualTo(202);
                // a key sent again with the same body replays the first answer: the same order
                placed.add(response.path("id"));
            }
        }

        assertThat(refused).as("mutations refused").isGreaterThan(CASES / 4);
        assertThat(TestDatabase.count("select count(*) from orders where customer_id = ?", customer))
                .as("orders created").isEqualTo(placed.size());
    }

    @Test
    void tamperedTokensAreAlways401AndNeverCreateAnOrder() {
        Random random = new Random(SEED + 1);
        UUID customer = UUID.randomUUID();
        String token = TestTokens.customer(customer);
        String body = "{\"lines\":[{\"productId\":\"" + UUID.randomUUID() + "\",\"quantity\":1}]}";
        for (int i = 0; i < CASES; i++) {
            String tampered = tamper(token, random);
            Response response = given().header("Authorization", "Bearer " + tampered).contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/orders");
            assertThat(response.statusCode()).as("case %d (seed %d): %s", i, SEED, tampered).isEqualTo(401);
        }
        for (String authorization : new String[] {"", "Bearer", "Bearer ", "Basic " + token, "bearer" + token,
            "Bearer " + token + " " + token}) {
            assertThat(given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                    .post("/orders").statusCode()).as("Authorization '%s'", authorization).isEqualTo(401);
        }

        assertThat(TestDatabase.count("select count(*) from orders where customer_id = ?", customer)).isZero();
    }

    private static void assertProblem(Response response, String what) {
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).as(what).isEqualTo(response.statusCode());
        assertThat(response.jsonPath().getString("title")).as(what).isNotBlank();
    }

    /** Changes one character of the header, the claims or the signature, never the last of a part (padding bits). */
    private static String tamper(String token, Random random) {
        String[] parts = token.split("\\.");
        int part = random.nextInt(parts.length);
        char[] chars = parts[part].toCharArray();
        int at = random.nextInt(chars.length - 1);
        char replacement;
        do {
            replacement = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(random.nextInt(64));
        } while (replacement == chars[at]);
        chars[at] = replacement;
        parts[part] = new String(chars);
        return String.join(".", parts);
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] body = valid.clone();
        for (int edits = 1 + random.nextInt(3); edits > 0 && body.length > 0; edits--) {
            int at = random.nextInt(body.length);
            switch (random.nextInt(4)) {
                case 0 -> body[at] = (byte) random.nextInt(256);
                case 1 -> body = Arrays.copyOf(body, at);
                case 2 -> {
                    byte[] shorter = new byte[body.length - 1];
                    System.arraycopy(body, 0, shorter, 0, at);
                    System.arraycopy(body, at + 1, shorter, at, body.length - at - 1);
                    body = shorter;
                }
                default -> {
                    byte[] longer = new byte[body.length + 1];
                    System.arraycopy(body, 0, longer, 0, at);
                    longer[at] = (byte) TOKENS.charAt(random.nextInt(TOKENS.length()));
                    System.arraycopy(body, at, longer, at + 1, body.length - at);
                    body = longer;
                }
            }
        }
        return body;
    }
}
