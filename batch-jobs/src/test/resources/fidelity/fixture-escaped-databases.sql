-- Databases whose names myloader 0.10 cannot load (it takes the database from a file name up to its first dot, and
-- writes it between backticks without doubling them): a dot, a slash, a backtick. Ferry's importer (and Lightning)
-- read their escaped file names. Load after replacing @P@, like fixture.sql.
SET NAMES utf8mb4;
SET SESSION sql_mode = '';
CREATE DATABASE `@P@.dot/ted db`;
USE `@P@.dot/ted db`;
CREATE TABLE `in.dotted` (id INT PRIMARY KEY, v VARCHAR(10));
INSERT INTO `in.dotted` VALUES (1, 'a.b/c');
CREATE VIEW `view.of` AS SELECT id FROM `in.dotted`;
CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1;
CREATE DATABASE `@P@_back``tick`;
USE `@P@_back``tick`;
CREATE TABLE `t` (id INT);
INSERT INTO `t` VALUES (1);
CREATE DATABASE `@P@%percent.`;
