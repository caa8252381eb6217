-- Staff accounts are customers' accounts with a role (issue 12): it goes into their token's `role`
-- claim. Registration never sets it: only ADMIN_EMAIL at start or `npm run admin -- create` do.
alter table customers add column staff_role text check (staff_role in ('staff', 'admin'));
