-- The school directory. Every table is keyed by school first: one school never sees another's rows.
-- Portable SQL: runs unchanged on H2 2.2 and PostgreSQL 15. Statements end with ';' at line end.

CREATE TABLE dir_member (
    school_id          VARCHAR(64)  NOT NULL,
    id                 VARCHAR(255) NOT NULL,
    kind               VARCHAR(16)  NOT NULL,
    given_name         VARCHAR(255) NOT NULL,
    family_name        VARCHAR(255) NOT NULL,
    year_group         VARCHAR(64),
    registration_group VARCHAR(64),
    state              VARCHAR(32)  NOT NULL,
    application_status VARCHAR(32),
    admission_date     DATE,
    leaving_date       DATE,
    origin             VARCHAR(16)  NOT NULL,
    PRIMARY KEY (school_id, id)
);

CREATE TABLE dir_person (
    school_id   VARCHAR(64)  NOT NULL,
    id          VARCHAR(255) NOT NULL,
    given_name  VARCHAR(255) NOT NULL,
    family_name VARCHAR(255) NOT NULL,
    origin      VARCHAR(16)  NOT NULL,
    PRIMARY KEY (school_id, id)
);

CREATE TABLE dir_link (
    school_id               VARCHAR(64)  NOT NULL,
    member_id               VARCHAR(255) NOT NULL,
    person_id               VARCHAR(255) NOT NULL,
    priority                INTEGER      NOT NULL,
    prime                   BOOLEAN      NOT NULL,
    relationship            VARCHAR(128),
    parental_responsibility VARCHAR(16)  NOT NULL,
    origin                  VARCHAR(16)  NOT NULL,
    PRIMARY KEY (school_id, member_id, person_id)
);

CREATE INDEX dir_link_person ON dir_link (school_id, person_id);

CREATE TABLE dir_detail (
    school_id    VARCHAR(64)  NOT NULL,
    owner_id     VARCHAR(255) NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    detail_value VARCHAR(512) NOT NULL,
    blocked      BOOLEAN      NOT NULL,
    origin       VARCHAR(16)  NOT NULL,
    PRIMARY KEY (school_id, owner_id, kind, detail_value)
);

CREATE TABLE dir_group (
    school_id VARCHAR(64)  NOT NULL,
    id        VARCHAR(255) NOT NULL,
    name      VARCHAR(255) NOT NULL,
    kind      VARCHAR(16)  NOT NULL,
    active    BOOLEAN      NOT NULL,
    origin    VARCHAR(16)  NOT NULL,
    PRIMARY KEY (school_id, id)
);

CREATE TABLE dir_group_member (
    school_id VARCHAR(64)  NOT NULL,
    group_id  VARCHAR(255) NOT NULL,
    member_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (school_id, group_id, member_id)
);

CREATE TABLE dir_data_issue (
    school_id VARCHAR(64)   NOT NULL,
    seq       INTEGER       NOT NULL,
    kind      VARCHAR(64)   NOT NULL,
    member_id VARCHAR(255),
    person_id VARCHAR(255),
    field     VARCHAR(128),
    reason    VARCHAR(2000) NOT NULL,
    PRIMARY KEY (school_id, seq)
);

CREATE TABLE dir_sync_run (
    school_id   VARCHAR(64)              NOT NULL,
    run_no      BIGINT                   NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome     VARCHAR(16)              NOT NULL,
    created     INTEGER                  NOT NULL,
    updated     INTEGER                  NOT NULL,
    removed     INTEGER                  NOT NULL,
    message     VARCHAR(4000),
    PRIMARY KEY (school_id, run_no)
);
