-- A succeeded payment whose order refused it for good (e.g. cancelled by its payment timeout before
-- the approval came) is refunded: REFUND_PENDING is set in the transaction that records the refusal,
-- a relay asks the provider for the refund (retried with backoff, across restarts), and the
-- provider's REFUNDED webhook makes it REFUNDED.
alter table payments drop constraint payments_status_check;
alter table payments add constraint payments_status_check
  check (status in ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUND_PENDING', 'REFUNDED'));

alter table payments
  add column refund_reason text,
  -- The provider's id of the refund, known once it accepted the request.
  add column provider_refund_id text unique,
  add column refund_attempts integer not null default 0,
  add column refund_next_at timestamptz,
  add column refund_last_error text,
  add column refunded_at timestamptz;

create index payments_refunds_due on payments (refund_next_at)
  where status = 'REFUND_PENDING' and provider_refund_id is null;
