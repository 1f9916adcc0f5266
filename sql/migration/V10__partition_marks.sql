-- Partitioned posting (SPEC 12). verifyDelivery already reads every file; it now also records where
-- a range of rows may start and which rows depend on an earlier row of their file.
--
-- The trailer's position: the end of the last partition of a file.
ALTER TABLE input_file ADD COLUMN trailer_line BIGINT NULL;
ALTER TABLE input_file ADD COLUMN trailer_byte BIGINT NULL;

-- Evenly spaced data records of a file (ordinal: 0-based among its data rows), each a place where a
-- fresh reader can start: its physical line and the byte offset of that line.
CREATE TABLE input_mark (
    business_date DATE        NOT NULL,
    source        VARCHAR(16) NOT NULL,
    ordinal       BIGINT      NOT NULL,
    line_number   BIGINT      NOT NULL,
    byte_offset   BIGINT      NOT NULL,
    PRIMARY KEY (business_date, source, ordinal)
);

-- Rows whose disposition depends on an earlier row of the same file (an id seen before, a chargeback
-- and its original): the partitions skip them, and they are decided afterwards in line order.
CREATE TABLE deferred_row (
    business_date DATE        NOT NULL,
    source        VARCHAR(16) NOT NULL,
    line_number   BIGINT      NOT NULL,
    byte_offset   BIGINT      NOT NULL,
    PRIMARY KEY (business_date, source, line_number)
);

-- The line of the row that raised a break (NULL: not raised by a row of tonight's files). Breaks of
-- one type and reference are listed in line order, whichever partition inserted them first.
ALTER TABLE recon_break ADD COLUMN line_number BIGINT NULL;
