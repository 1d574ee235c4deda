-- When the held subscription state was true at Stripe: the creation time of the webhook event
-- that brought it, or the time of a sync. An event created earlier changes nothing.
ALTER TABLE billing_account ADD COLUMN subscription_observed_at TIMESTAMPTZ;
CREATE UNIQUE INDEX billing_account_stripe_customer ON billing_account (stripe_customer_id);
