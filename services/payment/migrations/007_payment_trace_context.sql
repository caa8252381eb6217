-- The W3C trace context of the order-created message that started the payment: the provider's
-- webhook carries none, so settling continues this trace, and so do the order callback and the
-- payment-status message (one order, one trace).
alter table payments add column traceparent text, add column tracestate text;
