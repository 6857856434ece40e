-- Ferry's fidelity fixture: every value and object that an export must carry exactly (issue 9, "Fidelity").
-- Load it with the mysql client (it uses DELIMITER), after replacing @P@ by a prefix unique to the run:
--   FidelityFixture.create(port, prefix) does both. Every database name starts with the prefix.
-- The database names here are ones myloader 0.10 can load; fixture-escaped-databases.sql adds the names it cannot.
SET NAMES utf8mb4;
SET SESSION sql_mode = '';
SET SESSION time_zone = '+00:00';

-- ---------------------------------------------------------------------------------------------------------- types
CREATE DATABASE `@P@_types` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE `@P@_types`;

CREATE TABLE integers (
  id INT PRIMARY KEY,
  ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT, miu MEDIUMINT UNSIGNED,
  i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, flag BOOLEAN, zf INT(8) UNSIGNED ZEROFILL
) ENGINE=InnoDB;
INSERT INTO integers VALUES
  (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0, 0, 0),
  (2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807,
      18446744073709551615, 1, 4294967295),
  (3, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 42),
  (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

CREATE TABLE bits (id INT PRIMARY KEY, b1 BIT(1), b7 BIT(7), b64 BIT(64)) ENGINE=InnoDB;
INSERT INTO bits VALUES (1, b'0', b'0000000', b'0'), (2, b'1', b'1111111', 0xFFFFFFFFFFFFFFFF),
  (3, NULL, b'1011010', 0x8000000000000001), (4, b'1', b'0100111', 0x0A0D005C27221A00), (5, NULL, NULL, NULL);

CREATE TABLE decimals (id INT PRIMARY KEY, d65 DECIMAL(65,30), d65_0 DECIMAL(65,0), d10 DECIMAL(10,2) UNSIGNED,
  d1 DECIMAL(1,1)) ENGINE=InnoDB;
INSERT INTO decimals VALUES
  (1, 99999999999999999999999999999999999.999999999999999999999999999999,
      99999999999999999999999999999999999999999999999999999999999999999, 99999999.99, 0.9),
  (2, -99999999999999999999999999999999999.999999999999999999999999999999,
      -99999999999999999999999999999999999999999999999999999999999999999, 0, -0.9),
  (3, 0.000000000000000000000000000001, 0, 0.01, 0.0),
  (4, -0.000000000000000000000000000001, -1, NULL, NULL);

-- MariaDB stores -0 as 0 (checked: CHECKSUM equal to a 0 row); the rows try it anyway.
CREATE TABLE floats (id INT PRIMARY KEY, f FLOAT, d DOUBLE, f7 FLOAT(7,3), d20 DOUBLE(20,5)) ENGINE=InnoDB;
INSERT INTO floats VALUES
  (1, -0e0, -0e0, -0.0, -0.0),
  (2, 3.4028234663852886e38, 1.7976931348623157e308, 9999.999, 999999999999999.99999),
  (3, -3.4028234663852886e38, -1.7976931348623157e308, -9999.999, -999999999999999.99999),
  (4, 1.1754943508222875e-38, 2.2250738585072014e-308, 0.001, 0.00001),
  (5, 1.401298464324817e-45, 4.9406564584124654e-324, -0.001, -0.00001),
  (6, 0.1, 0.1, 0.1, 0.1),
  (7, 1/3, 1/3, 1/3, 1/3),
  (8, 16777217, 9007199254740993, 1234.5678, 12345.678901),
  (9, 3.14159265358979, 3.141592653589793, NULL, NULL),
  (10, 1e-10, 1e300, 0, 0),
  (11, 2.7182817, 2.718281828459045, 1, 1),
  (12, NULL, NULL, NULL, NULL);

CREATE TABLE bytes (id INT PRIMARY KEY, b1 BINARY(1), b4 BINARY(4), vb VARBINARY(256), bl BLOB, tb TINYBLOB,
  lb LONGBLOB) ENGINE=InnoDB;
INSERT INTO bytes SELECT seq, UNHEX(LPAD(HEX(seq), 2, '0')), UNHEX(LPAD(HEX(seq), 2, '0')),
  REPEAT(UNHEX(LPAD(HEX(seq), 2, '0')), 3), UNHEX(CONCAT(LPAD(HEX(seq), 2, '0'), '5C00')),
  UNHEX(LPAD(HEX(255 - seq), 2, '0')), NULL FROM seq_0_to_255;
INSERT INTO bytes (id, vb, bl, tb, lb) SELECT 1000, GROUP_CONCAT(UNHEX(LPAD(HEX(seq), 2, '0')) ORDER BY seq SEPARATOR ''),
  GROUP_CONCAT(UNHEX(LPAD(HEX(seq), 2, '0')) ORDER BY seq SEPARATOR ''),
  GROUP_CONCAT(UNHEX(LPAD(HEX(seq), 2, '0')) ORDER BY seq DESC SEPARATOR ''),
  GROUP_CONCAT(UNHEX(LPAD(HEX(seq), 2, '0')) ORDER BY seq SEPARATOR '') FROM seq_0_to_255;
INSERT INTO bytes (id, b1, b4, vb, bl, tb, lb) VALUES (1001, '', '', '', '', '', ''), (1002, NULL, 'a', 'a ', 'a ',
  ' ', '\\N'), (1003, 'N', 'NULL', 'NULL', '\\N', 'N', ';\n');

CREATE TABLE texts (id INT PRIMARY KEY, v VARCHAR(255), t TEXT, c CHAR(10), vb VARCHAR(50) COLLATE utf8mb4_bin,
  l VARCHAR(255) CHARACTER SET latin1, lt TEXT CHARACTER SET latin1 COLLATE latin1_bin,
  sj VARCHAR(20) CHARACTER SET sjis, u2 VARCHAR(20) CHARACTER SET ucs2, a VARCHAR(20) CHARACTER SET ascii)
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO texts VALUES
  (1, 'NUL\0in the middle', 'quotes \' " ` and backslashes \\ \\\\ \\n', 'trailing  ', 'Zoë 🚀🎉👩‍👩‍👧',
      'é ÿ € Œ ž', 'latin1 ‰ ¤', 'ソ表能', 'ucs2 é ✓', 'plain'),
  (2, 'line\nbreak\rcarriage\r\nboth', 'tab\there and ctrl-Z \Z end', '  lead', 'emoji 😀 at end 😀',
      '', '', '', '', ''),
  (3, 'ends with a semicolon;', 'a line ending with a semicolon;\nthen more;\n', ';', 'x;\n',
      'abc;', 'NULL', '\\N', 'N', 'NULL'),
  (4, '', '', '', '', NULL, NULL, NULL, NULL, NULL),
  (5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (6, '日本語テキスト', 'ünïcödé ñ ç ß Ω 中文 한국어 עברית العربية', 'čćž', 'ⓤⓝⓘ', 'Ångström', 'ÆØÅ', 'ﾃｽﾄ', '𝕏?', '~!@#$%^&*()');
-- every latin1 byte, the five cp1252 holes (0x81 0x8D 0x8F 0x90 0x9D) included
INSERT INTO texts (id, l, lt) SELECT 100, CONVERT(GROUP_CONCAT(UNHEX(LPAD(HEX(seq), 2, '0')) ORDER BY seq SEPARATOR '')
  USING latin1), CONVERT(GROUP_CONCAT(UNHEX(LPAD(HEX(seq), 2, '0')) ORDER BY seq DESC SEPARATOR '') USING latin1)
  FROM seq_1_to_255;

-- zero dates under the empty sql_mode of this session
CREATE TABLE temporals (id INT PRIMARY KEY, d DATE, dt DATETIME, dt6 DATETIME(6), ts TIMESTAMP NULL DEFAULT NULL,
  ts3 TIMESTAMP(3) NULL DEFAULT NULL, tm TIME, tm6 TIME(6), y YEAR,
  dflt DATETIME NOT NULL DEFAULT '0000-00-00 00:00:00', tsd TIMESTAMP NOT NULL DEFAULT '2001-02-03 04:05:06')
  ENGINE=InnoDB;
INSERT INTO temporals VALUES
  (1, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00.000000', '0000-00-00 00:00:00',
      '0000-00-00 00:00:00.000', '00:00:00', '00:00:00.000000', 0, '0000-00-00 00:00:00', '0000-00-00 00:00:00'),
  (2, '1000-01-01', '1000-01-01 00:00:00', '1000-01-01 00:00:00.000001', '1970-01-01 00:00:01',
      '1970-01-01 00:00:01.001', '-838:59:59', '-838:59:59.999999', 1901, '2020-02-29 12:00:00', '1970-01-01 00:00:01'),
  (3, '9999-12-31', '9999-12-31 23:59:59', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07',
      '2038-01-19 03:14:07.999', '838:59:59', '838:59:59.999999', 2155, '9999-12-31 23:59:59', '2038-01-19 03:14:07'),
  (4, '2024-02-29', '2024-10-27 01:30:00', '2024-03-31 02:30:00.5', '2024-10-27 00:30:00', '2024-10-27 01:30:00.5',
      '-00:00:01', '-00:00:00.500000', 2000, '2024-01-00 00:00:00', '2024-03-31 01:30:00'),
  (5, '2000-00-00', '2000-01-00 10:00:00', NULL, NULL, NULL, '-12:34:56', '12:34:56.789012', NULL,
      '0000-00-00 00:00:00', '2001-02-03 04:05:06');

CREATE TABLE enums (id INT PRIMARY KEY, e ENUM('a', '', 'b'), s SET('x', '', 'y'), n ENUM('1', '2', '10'),
  q ENUM('it''s', 'back\\slash', 'ümlaut', 'a,b'), plain SET('red', 'green', 'blue')) ENGINE=InnoDB;
INSERT INTO enums VALUES (1, '', '', '1', 'it''s', ''), (2, 'a', ',x', '2', 'back\\slash', 'red,blue'),
  (3, 'b', 'x,y', '10', 'ümlaut', 'red,green,blue'), (4, 0, 0, 3, 'a,b', 0), (5, NULL, NULL, NULL, NULL, NULL),
  (6, 'invalid', 'x,,y', 1, 2, 'green');

CREATE TABLE documents (id INT PRIMARY KEY, j JSON, jt LONGTEXT CHECK (JSON_VALID(jt))) ENGINE=InnoDB;
INSERT INTO documents VALUES (1, '{"a": [1, 2.50, "é😀", null, true], "b": {"c": "\\"quoted\\" \\\\ \\n"}}',
  '  {  "spaces" :  [ ]  }  '), (2, '[]', '"string"'), (3, 'null', '12345678901234567890'), (4, NULL, NULL);

CREATE TABLE shapes (id INT PRIMARY KEY, g GEOMETRY, p POINT, l LINESTRING, pg POLYGON, mp MULTIPOINT,
  gc GEOMETRYCOLLECTION, srid GEOMETRY) ENGINE=InnoDB;
INSERT INTO shapes VALUES
  (1, ST_GeomFromText('POINT(1 2)'), POINT(-1.5, 1e300), ST_GeomFromText('LINESTRING(0 0, 1 1, 2 0)'),
      ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))'),
      ST_GeomFromText('MULTIPOINT(0 0, 1 1)'),
      ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))'),
      ST_GeomFromText('POINT(13.4 52.5)', 4326)),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

CREATE TABLE generated (id INT PRIMARY KEY, a INT, b VARCHAR(20), v INT AS (a * 2) VIRTUAL,
  s VARCHAR(40) AS (CONCAT(UPPER(b), '!')) PERSISTENT, hidden INT INVISIBLE DEFAULT 7,
  hidden2 VARCHAR(10) INVISIBLE) ENGINE=InnoDB;
INSERT INTO generated (id, a, b, hidden, hidden2) VALUES (1, 1, 'one', 70, 'h'), (2, NULL, NULL, NULL, NULL),
  (3, -5, 'üñ', 7, '');

CREATE TABLE no_key (a INT, b VARCHAR(10)) ENGINE=InnoDB;
INSERT INTO no_key VALUES (1, 'x'), (1, 'x'), (NULL, NULL), (2, 'y');

CREATE TABLE myisam_table (id INT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(20)) ENGINE=MyISAM CHECKSUM=1;
INSERT INTO myisam_table (v) VALUES ('m1'), ('m2'), ('m3');

CREATE TABLE auto_gap (id INT PRIMARY KEY AUTO_INCREMENT, v INT) ENGINE=InnoDB AUTO_INCREMENT=1000;
INSERT INTO auto_gap VALUES (0, 0);
INSERT INTO auto_gap (v) VALUES (1), (2), (3);
DELETE FROM auto_gap WHERE v = 3;

CREATE TABLE empty_table (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=InnoDB;

CREATE TABLE many_rows (id INT PRIMARY KEY, v VARCHAR(100), n DOUBLE) ENGINE=InnoDB;
INSERT INTO many_rows SELECT seq, CONCAT('row ', seq, ' ', REPEAT('x', seq % 60)), seq / 7 FROM seq_1_to_5000;

CREATE TABLE longblob_16mib (id INT PRIMARY KEY, lb LONGBLOB) ENGINE=InnoDB;
INSERT INTO longblob_16mib SELECT 1, REPEAT(GROUP_CONCAT(UNHEX(LPAD(HEX(seq), 2, '0')) ORDER BY seq SEPARATOR ''), 65536)
  FROM seq_0_to_255;

CREATE TABLE defaults_latin1 (id INT PRIMARY KEY, l VARCHAR(10) CHARACTER SET latin1 DEFAULT 'é€',
  u VARCHAR(10) DEFAULT '😀', c VARCHAR(10) COMMENT 'commentaire é 😀') ENGINE=InnoDB COMMENT='table é 😀';
INSERT INTO defaults_latin1 (id) VALUES (1);

-- -------------------------------------------------------------------------------------------------------- objects
CREATE DATABASE `@P@_objects` CHARACTER SET latin1 COLLATE latin1_swedish_ci;
USE `@P@_objects`;

CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(20)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, total DECIMAL(10,2), note VARCHAR(40),
  CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL)
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE audit (id INT PRIMARY KEY AUTO_INCREMENT, what VARCHAR(100)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO parent VALUES (1, 'one'), (2, 'two');
INSERT INTO child VALUES (1, 1, 10.50, 'a'), (2, 1, 0, 'b'), (3, 2, NULL, NULL);

CREATE VIEW v_parent AS SELECT id, name FROM parent WHERE id > 0;
CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v_on_view AS SELECT id, UPPER(name) AS loud FROM v_parent
  WITH CASCADED CHECK OPTION;
CREATE VIEW v_on_view_on_view (x, y) AS SELECT v.id, CONCAT(v.loud, ';\n', 'é') FROM v_on_view v;

CREATE SEQUENCE seq_used START WITH 5 INCREMENT BY 3 CACHE 10;
SELECT NEXTVAL(seq_used), NEXTVAL(seq_used), NEXTVAL(seq_used);
CREATE SEQUENCE seq_cycle START WITH -1 MINVALUE -10 MAXVALUE 10 INCREMENT BY -1 CYCLE NOCACHE;
SELECT NEXTVAL(seq_cycle) FROM seq_1_to_25;
CREATE SEQUENCE seq_fresh;

DELIMITER ;;
CREATE TRIGGER child_before_insert BEFORE INSERT ON child FOR EACH ROW
BEGIN
  -- a comment; with a semicolon
	SET NEW.note = CONCAT(IFNULL(NEW.note, ''), ' é 😀');   
  IF NEW.total IS NULL THEN
    SET NEW.total = 0;
  END IF;
END;;
CREATE TRIGGER child_before_insert_2 BEFORE INSERT ON child FOR EACH ROW FOLLOWS child_before_insert
  SET NEW.note = TRIM(NEW.note);;
CREATE TRIGGER child_after_delete AFTER DELETE ON child FOR EACH ROW INSERT INTO audit (what) VALUES (CONCAT('deleted ', OLD.id, ';
'));;
CREATE DEFINER=`root`@`localhost` PROCEDURE p_multi(IN n INT, OUT total INT)
    COMMENT 'a procedure; with ''quotes'''
BEGIN
  DECLARE i INT DEFAULT 0;
  SET total = 0;
  WHILE i < n DO
    SET i = i + 1;
    SET total = total + i;
  END WHILE;
  SELECT 'done;
' AS msg;
END;;
CREATE FUNCTION f_single(x INT) RETURNS INT DETERMINISTIC RETURN x * 2;;
CREATE FUNCTION f_multi(s VARCHAR(20)) RETURNS VARCHAR(40) CHARSET utf8mb4
    READS SQL DATA
BEGIN
  DECLARE r VARCHAR(40);
  SET r = CONCAT(s, '-', (SELECT COUNT(*) FROM parent));
  RETURN r;
END;;
CREATE EVENT ev_disabled ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE
  COMMENT 'event é'
DO BEGIN
  INSERT INTO audit (what) VALUES ('tick');
  DELETE FROM audit WHERE id < 0;
END;;
DELIMITER ;
SET SESSION sql_mode = 'ANSI_QUOTES,NO_BACKSLASH_ESCAPES,PIPES_AS_CONCAT,STRICT_ALL_TABLES';
DELIMITER ;;
CREATE PROCEDURE "p_ansi"()
BEGIN
  SELECT 'no \ escapes' || ' here;' AS "quoted name";
  SELECT 1;
END;;
DELIMITER ;
SET SESSION sql_mode = '';
SET SESSION time_zone = '+02:00';
CREATE EVENT ev_zone ON SCHEDULE AT '2031-06-01 12:00:00' ON COMPLETION PRESERVE DISABLE DO
  INSERT INTO audit (what) VALUES ('once');
SET SESSION time_zone = '+00:00';
SET NAMES latin1;
-- read as latin1: the UTF-8 bytes of é, è, € and Í become Ã©, Ã¨, â‚¬ (0x82 is cp1252's ‚) and Ã + the hole 0x8D
CREATE PROCEDURE p_latin1() SELECT 'café crème € Í' AS menu;
SET NAMES utf8mb4;

-- -------------------------------------------------------------------------------------------------------- names
CREATE DATABASE `@P@_names-ü db`;
USE `@P@_names-ü db`;
CREATE TABLE `back``tick` (id INT PRIMARY KEY, `col``umn` VARCHAR(10));
CREATE TABLE `with space` (`a column` INT, `ünï` VARCHAR(10));
CREATE TABLE `dot.ted` (id INT);
CREATE TABLE `t.00001` (id INT);
CREATE TABLE `t` (id INT);
CREATE TABLE `sl/ash` (id INT);
CREATE TABLE `back\\slash` (id INT);
CREATE TABLE `da-sh` (id INT);
CREATE TABLE `x-schema` (id INT);
CREATE TABLE `x-schema-view` (id INT);
CREATE TABLE `ünïcødé表` (id INT);
CREATE TABLE `.lead` (id INT);
CREATE TABLE `trail.` (id INT);
CREATE TABLE `a..b` (id INT);
CREATE TABLE `per%cent` (id INT);
INSERT INTO `back``tick` VALUES (1, 'x`y');
INSERT INTO `with space` VALUES (1, 'ü');
INSERT INTO `dot.ted` VALUES (1);
INSERT INTO `t.00001` VALUES (100001);
INSERT INTO `t` VALUES (1), (2);
INSERT INTO `sl/ash` VALUES (1);
INSERT INTO `back\\slash` VALUES (1);
INSERT INTO `da-sh` VALUES (1);
INSERT INTO `x-schema` VALUES (1);
INSERT INTO `x-schema-view` VALUES (2);
INSERT INTO `ünïcødé表` VALUES (1);
INSERT INTO `.lead` VALUES (1);
INSERT INTO `trail.` VALUES (1);
INSERT INTO `a..b` VALUES (1);
INSERT INTO `per%cent` VALUES (1);
CREATE VIEW `v/iew wïth ``all`` of.it` AS SELECT `id` AS `i``d` FROM `back``tick`;
CREATE TRIGGER `tr``igger ü` BEFORE INSERT ON `back``tick` FOR EACH ROW SET NEW.`col``umn` = 'trig';

-- --------------------------------------------------------------------------------------- databases with no table
CREATE DATABASE `@P@_empty` CHARACTER SET utf8mb3 COLLATE utf8mb3_bin;
CREATE DATABASE `@P@_routines_only`;
USE `@P@_routines_only`;
CREATE FUNCTION answer() RETURNS INT DETERMINISTIC RETURN 42;
DELIMITER ;;
CREATE PROCEDURE hello()
BEGIN
  SELECT 'hello';
  SELECT answer();
END;;
DELIMITER ;
CREATE DATABASE `@P@_views_only`;
USE `@P@_views_only`;
CREATE VIEW constant AS SELECT 1 AS one, 'é' AS letter;
CREATE VIEW on_constant AS SELECT one + 1 AS two FROM constant;
CREATE PROCEDURE noop() SELECT 1;
