-- Work that exactly one process may do at a time (the callback dialler: the account's
-- calls-per-second limit is shared), whichever process that is. A holder renews its lease
-- every few seconds; when it dies, the lease runs out and another process takes over. The
-- database's clock decides, so clock skew between machines does not matter.
CREATE TABLE "lease" (
    "name" VARCHAR(64) NOT NULL,
    "holder" VARCHAR(200) NOT NULL,
    "lease_until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lease_pkey" PRIMARY KEY ("name")
);
