package dev.bazaar.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The zero-configuration path where a Docker engine exists (CI's runners): PostgreSQL and RabbitMQ in containers,
 * and a packaged service started against them reaches readiness (database migrated, broker channels up) and serves
 * its API. Without Docker the class is reported as skipped; locally the other e2e tests use the machine's servers.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerizedInfrastructureIT {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine")
            .withDatabaseName("bazaar_catalog").withUsername("bazaar_catalog").withPassword("test-only");

    @Container
    static final RabbitMQContainer RABBITMQ = new RabbitMQContainer("rabbitmq:3.13-management")
            .withAdminUser("bazaar-catalog").withAdminPassword("test-only");

    private ServiceProcess catalog;

    @AfterEach
    void stop() {
        if (catalog != null) {
            catalog.stop();
        }
    }

    @Test
    void packagedServiceRunsAgainstContainerizedPostgresAndRabbitmq() throws Exception {
        Path work = Files.createDirectories(BazaarSystem.ROOT.resolve("e2e/target/containers-run"));
        Map<String, String> env = new HashMap<>();
        env.put("BAZAAR_DB_HOST", POSTGRES.getHost());
        env.put("BAZAAR_DB_PORT", String.valueOf(POSTGRES.getMappedPort(5432)));
        env.put("BAZAAR_DB_NAME", POSTGRES.getDatabaseName());
        env.put("BAZAAR_DB_USER", POSTGRES.getUsername());
        env.put("BAZAAR_DB_PASSWORD", POSTGRES.getPassword());
        env.put("BAZAAR_RABBITMQ_HOST", RABBITMQ.getHost());
        env.put("BAZAAR_RABBITMQ_PORT", String.valueOf(RABBITMQ.getAmqpPort()));
        env.put("BAZAAR_RABBITMQ_USER", RABBITMQ.getAdminUsername());
        env.put("BAZAAR_RABBITMQ_PASSWORD", RABBITMQ.getAdminPassword());
        env.put("BAZAAR_RABBITMQ_VHOST", "/");
        env.put("BAZAAR_JWT_PUBLIC_KEY", publicKey(work).toString());
        catalog = new ServiceProcess("catalog", freePort(),
                BazaarSystem.ROOT.resolve("catalog/target/quarkus-app/quarkus-run.jar"), work.resolve("catalog.log"),
                env);

        catalog.start();
        catalog.awaitReady(Duration.ofSeconds(120));

        given().baseUri(catalog.url()).get("/q/health/ready").then().statusCode(200);
        assertThat(given().baseUri(catalog.url()).get("/products").then().statusCode(200).extract()
                .<Integer>path("total")).isZero();
    }

    private static Path publicKey(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path file = dir.resolve("public.pem");
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
