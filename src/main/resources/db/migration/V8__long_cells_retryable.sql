-- A cell over the read limit no longer fails a file (it is cut and listed in the job's issues), so
-- the jobs that failed for one can now be converted: running them again helps.
UPDATE jobs SET retry_helps = true WHERE status = 'failed' AND error_code = 'cell_too_large';
