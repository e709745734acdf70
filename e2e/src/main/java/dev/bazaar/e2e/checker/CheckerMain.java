package dev.bazaar.e2e.checker;

/**
 * Command line: checks a live Bazaar's databases and exits 1 on any violation.
 * Settings from the environment: BAZAAR_DB_HOST (127.0.0.1), BAZAAR_DB_PORT (5432), BAZAAR_DB_PREFIX (bazaar_),
 * BAZAAR_CHECK_DB_USER (postgres), BAZAAR_CHECK_DB_PASSWORD (empty), BAZAAR_CHECK_STALE_SECONDS (30).
 */
public final class CheckerMain {

    private CheckerMain() {
    }

    public static void main(String[] args) throws Exception {
        Databases databases = Databases.onServer(env("BAZAAR_DB_HOST", "127.0.0.1"),
                Integer.parseInt(env("BAZAAR_DB_PORT", "5432")), env("BAZAAR_DB_PREFIX", "bazaar_"),
                env("BAZAAR_CHECK_DB_USER", "postgres"), env("BAZAAR_CHECK_DB_PASSWORD", ""));
        CheckReport report = new ConsistencyChecker(databases,
                Integer.parseInt(env("BAZAAR_CHECK_STALE_SECONDS", "30"))).check();
        report.print(System.out);
        System.exit(report.isClean() ? 0 : 1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
