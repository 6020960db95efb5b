package io.tollgate.support;

/** The demo credentials of config/credentials.yml, which the README documents too. */
public final class Demo {

    public static final String BRAND_KEY = "ak_demo_acme";
    public static final String BRAND_SECRET = Secrets.remember("sk_demo_acme_4c1f9e0b7d2a8e6f3b5c9d1a7e2f4b8c");
    public static final String SUSPENDED_BRAND_KEY = "ak_demo_dormant";
    public static final String SUSPENDED_BRAND_SECRET =
            Secrets.remember("sk_demo_dormant_9a8b7c6d5e4f30211f2e3d4c5b6a7988");
    public static final String CHANNEL_USER = "channel_user";
    public static final String CHANNEL_PASSWORD = Secrets.remember("550e8400-e29b-41d4-a716-446655440000");
    public static final String EXPIRED_CHANNEL_USER = "channel_expired";
    public static final String EXPIRED_CHANNEL_PASSWORD = Secrets.remember("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    private Demo() {}
}
