-- A registered business whose registered workers BPJS did not report has an unknown worker gap.
-- Earlier match runs stored 0 for it, which every list, export and sum read as "no gap".
UPDATE business
   SET worker_gap = NULL
 WHERE worker_gap IS NOT NULL
   AND registered_workers IS NULL
   AND status <> 'BELUM_TERDAFTAR';
