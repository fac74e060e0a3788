-- Written by hand: Prisma's schema language cannot declare an index on an
-- expression. Accounts are linked by e-mail address compared without case,
-- and without this index every such lookup scans the whole Person table.
CREATE INDEX "Person_email_lower_idx" ON "Person" (lower("email"));
