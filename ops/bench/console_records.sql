-- Fills a Ferry repository (MariaDB, Liquibase already applied) with N transfer records, the way Ferry's jobs leave
-- them: one JobInstance + one JobExecution per record, the request's 15 job parameters, the job's result context,
-- and the steps with their contexts. Used by ops/bench/console.sh; @n is set by the caller.
-- Mix: every 50th record Failed, every 200th Stopped, the newest 5 running (STARTED, with a live progress context),
-- the rest Finished; 70 % exports, 30 % imports; 20 clusters; times one minute apart, newest last.
SET @n = COALESCE(@n, 100000);
SET @seq = CONCAT('seq_1_to_', @n);
SET @now = NOW(6);

SET @sql = CONCAT('INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) ',
  'SELECT seq, 0, IF(seq % 10 < 7, ''exportData'', ''importData''), MD5(seq) FROM ', @seq);
PREPARE s FROM @sql; EXECUTE s;

SET @sql = CONCAT('INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, ',
  'START_TIME, END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED) ',
  'SELECT seq, 2, seq, @now - INTERVAL (@n - seq) MINUTE, @now - INTERVAL (@n - seq) MINUTE, ',
  'IF(seq > @n - 5, NULL, @now - INTERVAL (@n - seq) MINUTE + INTERVAL 40 SECOND), ',
  'CASE WHEN seq > @n - 5 THEN ''STARTED'' WHEN seq % 50 = 0 THEN ''FAILED'' WHEN seq % 200 = 1 THEN ''STOPPED'' ',
  'ELSE ''COMPLETED'' END, ',
  'CASE WHEN seq > @n - 5 THEN ''UNKNOWN'' WHEN seq % 50 = 0 THEN ''FAILED'' WHEN seq % 200 = 1 THEN ''STOPPED'' ',
  'ELSE ''COMPLETED'' END, '''', @now - INTERVAL (@n - seq) MINUTE + INTERVAL 40 SECOND FROM ', @seq);
PREPARE s FROM @sql; EXECUTE s;

-- the request's parameters (names as dev.ferry.transfer.TransferParameters)
SET @sql = CONCAT('INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, ',
  'PARAMETER_VALUE, IDENTIFYING) SELECT seq, p.name, p.type, CASE p.name ',
  'WHEN ''transferId'' THEN CONCAT('''', UUID()) WHEN ''clusterId'' THEN CAST(seq % 20 + 1 AS CHAR) ',
  'WHEN ''transportType'' THEN IF(seq % 10 < 7, ''export'', ''import'') ',
  'WHEN ''storageType'' THEN IF(seq % 4 = 0, ''s3'', ''nfs'') WHEN ''comment'' THEN CONCAT(''nightly copy '', seq) ',
  'WHEN ''storageRoot'' THEN IF(seq % 10 < 7, ''/var/lib/ferry/export'', ''/var/lib/ferry/import'') ',
  'WHEN ''bucketUrl'' THEN ''s3://backups/ferry'' WHEN ''credentialSecretId'' THEN CAST(seq AS CHAR) ',
  'ELSE p.value END, IF(p.name = ''transferId'', ''Y'', ''N'') FROM ', @seq, ' JOIN (',
  'SELECT ''transferId'' name, ''java.lang.String'' type, '''' value UNION ALL ',
  'SELECT ''clusterId'', ''java.lang.String'', '''' UNION ALL SELECT ''transportType'', ''java.lang.String'', '''' UNION ALL ',
  'SELECT ''storageType'', ''java.lang.String'', '''' UNION ALL SELECT ''comment'', ''java.lang.String'', '''' UNION ALL ',
  'SELECT ''storageRoot'', ''java.lang.String'', '''' UNION ALL SELECT ''bucketUrl'', ''java.lang.String'', '''' UNION ALL ',
  'SELECT ''credentialSecretId'', ''java.lang.Long'', '''' UNION ALL ',
  'SELECT ''userName'', ''java.lang.String'', ''root'' UNION ALL SELECT ''toolChain'', ''java.lang.String'', ''mysql'' UNION ALL ',
  'SELECT ''sql'', ''java.lang.String'', '''' UNION ALL SELECT ''filter'', ''java.lang.String'', ''shop.*'' UNION ALL ',
  'SELECT ''requestedBy'', ''java.lang.String'', ''admin'' UNION ALL SELECT ''zipName'', ''java.lang.String'', ''data.zip'' UNION ALL ',
  'SELECT ''fileType'', ''java.lang.String'', ''sql'' UNION ALL SELECT ''credentialScope'', ''java.lang.String'', ''cluster'') p');
PREPARE s FROM @sql; EXECUTE s;

SET @sql = CONCAT('INSERT INTO BATCH_JOB_EXECUTION_CONTEXT (JOB_EXECUTION_ID, SHORT_CONTEXT, SERIALIZED_CONTEXT) ',
  'SELECT seq, IF(seq > @n - 5 OR seq % 50 = 0 OR seq % 200 = 1, ''{"batch.version":"6.0.4"}'', ',
  'CONCAT(''{"result.bytes":["java.lang.Long",'', seq * 1000, ''],"result.rows":["java.lang.Long",'', seq, ''],',
  '"batch.version":"6.0.4","result.files":["java.lang.Long",11],"result.tables":3}'')), NULL FROM ', @seq);
PREPARE s FROM @sql; EXECUTE s;

-- two steps per execution (tool step, record step); the running ones are in their tool step, with a live context
SET @sql = CONCAT('INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID, ',
  'CREATE_TIME, START_TIME, END_TIME, STATUS, COMMIT_COUNT, READ_COUNT, FILTER_COUNT, WRITE_COUNT, READ_SKIP_COUNT, ',
  'WRITE_SKIP_COUNT, PROCESS_SKIP_COUNT, ROLLBACK_COUNT, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED) ',
  'SELECT seq * 2 - 1 + s.k, 3, IF(s.k = 0, IF(seq % 10 < 7, ''exportDataFromCluster'', ''importDataToCluster''), ',
  'IF(seq % 10 < 7, ''updateDataExportRecord'', ''updateDataImportRecord'')), seq, ',
  '@now - INTERVAL (@n - seq) MINUTE, @now - INTERVAL (@n - seq) MINUTE, ',
  'IF(seq > @n - 5, NULL, @now - INTERVAL (@n - seq) MINUTE + INTERVAL 30 SECOND), ',
  'CASE WHEN seq > @n - 5 THEN ''STARTED'' WHEN seq % 50 = 0 THEN ''FAILED'' WHEN seq % 200 = 1 THEN ''STOPPED'' ',
  'ELSE ''COMPLETED'' END, 1, 0, 0, 0, 0, 0, 0, 0, ',
  'CASE WHEN seq > @n - 5 THEN ''EXECUTING'' WHEN seq % 50 = 0 THEN ''FAILED'' WHEN seq % 200 = 1 THEN ''STOPPED'' ',
  'ELSE ''COMPLETED'' END, IF(seq % 50 = 0, ''mydumper exited with code 2: ** (mydumper:1): CRITICAL **: Error connecting to database: Access denied'', ''''), ',
  '@now - INTERVAL (@n - seq) MINUTE + INTERVAL 30 SECOND ',
  'FROM ', @seq, ' JOIN (SELECT 0 k UNION ALL SELECT 1) s WHERE s.k = 0 OR (seq <= @n - 5 AND seq % 50 <> 0 AND seq % 200 <> 1)');
PREPARE s FROM @sql; EXECUTE s;

INSERT INTO BATCH_STEP_EXECUTION_CONTEXT (STEP_EXECUTION_ID, SHORT_CONTEXT, SERIALIZED_CONTEXT)
SELECT STEP_EXECUTION_ID, IF(STATUS = 'STARTED', CONCAT('{"batch.version":"6.0.4","progress.phase":"dumping",',
  '"progress.bytes":["java.lang.Long",734003200],"progress.files":["java.lang.Long",40],',
  '"progress.tablesStarted":["java.lang.Long",6],"progress.tablesTotal":["java.lang.Long",12],',
  '"progress.bytesPerSecond":["java.lang.Long",52428800],"tool.startedAt":["java.lang.Long",',
  ROUND(UNIX_TIMESTAMP(START_TIME) * 1000), '],"progress.updatedAt":["java.lang.Long",',
  ROUND(UNIX_TIMESTAMP(NOW(6)) * 1000), ']}'), '{"batch.version":"6.0.4"}'), NULL
FROM BATCH_STEP_EXECUTION;

-- the sequences continue after the generated ids, so Ferry can still launch transfers on this repository
SET @sql = CONCAT('SELECT SETVAL(BATCH_JOB_INSTANCE_SEQ, ', @n, '), SETVAL(BATCH_JOB_EXECUTION_SEQ, ', @n,
  '), SETVAL(BATCH_STEP_EXECUTION_SEQ, ', @n * 2, ')');
PREPARE s FROM @sql; EXECUTE s;
