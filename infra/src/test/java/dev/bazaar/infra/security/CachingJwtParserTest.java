package dev.bazaar.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bazaar.infra.testing.TestTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;

/** The verified-token memory in front of smallrye-jwt's real verifier: what it may reuse and what it must check. */
class CachingJwtParserTest {

    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
    private CachingJwtParser parser;

    @BeforeEach
    void verifier() throws Exception {
        JWTAuthContextInfo verification = new JWTAuthContextInfo(KeyUtils.readPublicKey("test-keys/public.pem"),
                "bazaar");
        verification.setClockSkew(0);
        parser = new CachingJwtParser(new DefaultJWTParser(verification), config(3, Duration.ofSeconds(60)),
                now::get);
    }

    @Test
    void aTokenSeenBeforeIsNotVerifiedAgain() throws Exception {
        String token = TestTokens.customer(UUID.randomUUID());

        JsonWebToken first = parser.parse(token);

        assertThat(parser.parse(token)).isSameAs(first);
        assertThat(parser.size()).isEqualTo(1);
    }

    @Test
    void aTokenDifferingInItsSignatureIsVerifiedAndRefusedEvenWhenTheRealOneIsKept() throws Exception {
        String token = TestTokens.customer(UUID.randomUUID());
        parser.parse(token);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThatThrownBy(() -> parser.parse(tampered)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(TestTokens.signedByOtherKey(UUID.randomUUID())))
                .isInstanceOf(ParseException.class);
        assertThat(parser.size()).isEqualTo(1);
    }

    @Test
    void aKeptTokenIsCheckedAgainOnceItExpired() throws Exception {
        String token = TestTokens.customerUntil(UUID.randomUUID(), Instant.now().plusSeconds(2));
        JsonWebToken first = parser.parse(token);

        Thread.sleep(2_100);
        now.set(System.currentTimeMillis());

        assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
        assertThat(first.getExpirationTime()).isLessThanOrEqualTo(Instant.now().getEpochSecond());
    }

    @Test
    void aVerificationIsReusedNoLongerThanTheTtl() throws Exception {
        String token = TestTokens.customer(UUID.randomUUID());
        JsonWebToken first = parser.parse(token);

        now.addAndGet(Duration.ofSeconds(61).toMillis());

        JsonWebToken again = parser.parse(token);
        assertThat(again).isNotSameAs(first);
        assertThat(again.getSubject()).isEqualTo(first.getSubject());
    }

    @Test
    void theMemoryIsBoundedAndKeepsNoExpiredEntryWhenFull() throws Exception {
        for (int i = 0; i < 5; i++) {
            parser.parse(TestTokens.customer(UUID.randomUUID()));
        }
        assertThat(parser.size()).isEqualTo(3);

        now.addAndGet(Duration.ofSeconds(61).toMillis());
        String fresh = TestTokens.customer(UUID.randomUUID());
        JsonWebToken first = parser.parse(fresh);

        assertThat(parser.size()).isEqualTo(1);
        assertThat(parser.parse(fresh)).isSameAs(first);
    }

    private static VerifiedTokensConfig config(int maxEntries, Duration ttl) {
        return new VerifiedTokensConfig() {
            @Override
            public int maxEntries() {
                return maxEntries;
            }

            @Override
            public Duration ttl() {
                return ttl;
            }

            @Override
            public int maxTokenLength() {
                return 8192;
            }
        };
    }
}
