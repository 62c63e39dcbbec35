-- Force parallel plans (CONVENTIONS.md "Tests"): no parallel costs, no size
-- threshold, two workers per Gather, and the leader only gathers, so partial
-- states really cross between processes.  Inside a transaction that is rolled
-- back, the settings go with it.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
