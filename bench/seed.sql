-- Fixed-seed benchmark data: one committee, @branches branches, @members members, all with the same password.
-- The last @big_branches branches hold @big_size members each (the check-in burst: 50 meetings of 300); the other
-- members are spread evenly over the other branches. Plain INSERT ... SELECT over a recursive sequence: runs on MariaDB and MySQL 8.
SET SESSION max_recursive_iterations = 2000000; -- MariaDB (MySQL 8: cte_max_recursion_depth)
SET @now = NOW(3);
INSERT INTO organisation (id, parent_id, type, name, path, created_at) VALUES (1, NULL, 'COMMITTEE', '基准党委', '/1/', @now);
INSERT INTO organisation (id, parent_id, type, name, path, created_at)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < @branches)
SELECT 1 + n, 1, 'BRANCH', CONCAT('支部', n), CONCAT('/1/', 1 + n, '/'), @now FROM seq;
INSERT INTO member (id, phone, name, password_hash, password_change_required, branch_id, status, joined_on, enabled,
                    created_at, updated_at)
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < @members)
SELECT n, CONCAT('139', LPAD(n, 8, '0')), CONCAT('党员', n), @hash, FALSE,
       IF(n <= @members - @big_branches * @big_size, 2 + MOD(n - 1, @branches - @big_branches),
          2 + @branches - @big_branches + (n - 1 - (@members - @big_branches * @big_size)) DIV @big_size), 'FULL',
       '2015-07-01', TRUE, @now, @now FROM seq;
-- Every branch's first member is its secretary.
INSERT INTO role_assignment (member_id, role, org_id, created_at)
SELECT MIN(id), 'SECRETARY', branch_id, @now FROM member GROUP BY branch_id;
-- Member 1 also runs the installation: the harness uses it to import documents and set plans.
INSERT INTO role_assignment (member_id, role, org_id, created_at) VALUES (1, 'SYSTEM_ADMIN', NULL, @now);
