-- The W3C trace context (traceparent, tracestate) of the request or message that wrote the row: the
-- relay publishes the message in that trace, so one order is one trace across the outbox, restarts too.
alter table outbox add column if not exists traceparent text, add column if not exists tracestate text;
