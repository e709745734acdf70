package dev.bazaar.infra.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bazaar.infra.deadletter.DeadLetterQueueView;
import dev.bazaar.infra.deadletter.DeadLetterView;
import dev.bazaar.infra.testing.TestTokens;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The dead-letter admin API of the probe application, called as an admin. */
final class DeadLetterAdmin {

    static final String QUEUE = "probe.in";
    private static final String BASE = "/admin/dead-letters";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String ADMIN = TestTokens.admin();

    private DeadLetterAdmin() {
    }

    static List<DeadLetterQueueView> listAll() {
        return read(admin().get(BASE).then().statusCode(200).extract().asString(), new TypeReference<>() { });
    }

    static DeadLetterQueueView list() {
        return list(50);
    }

    static DeadLetterQueueView list(int limit) {
        return read(admin().queryParam("limit", limit).get(BASE + "/" + QUEUE).then().statusCode(200)
                .extract().asString(), new TypeReference<>() { });
    }

    /** Waits until the listing shows a dead letter matching {@code condition}, and returns it. */
    static DeadLetterView awaitListed(Predicate<DeadLetterView> condition) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> list().messages().stream().filter(condition).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    static DeadLetterView awaitListed(Object messageId) {
        return awaitListed(view -> view.messageId().equals(messageId.toString()));
    }

    static ValidatableResponse replay(Object messageId) {
        return admin().post(BASE + "/" + QUEUE + "/replay/" + messageId).then();
    }

    static ValidatableResponse replayAll() {
        return admin().post(BASE + "/" + QUEUE + "/replay").then();
    }

    static ValidatableResponse discard(Object messageId) {
        return admin().delete(BASE + "/" + QUEUE + "/" + messageId).then();
    }

    static ValidatableResponse discardAll() {
        return admin().delete(BASE + "/" + QUEUE).then();
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(ADMIN);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("unexpected listing: " + json, e);
        }
    }
}
