-- An order placed from the cart remembers the cart's revision it consumed: the cart is emptied after
-- the commit only while it still has that revision, so a retry never empties a cart filled since.
alter table orders add column cart_revision text;
