package org.gatehouse.k8s;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The evaluation PostgreSQL's init script, as rendered, run against a real PostgreSQL the way the postgres
 * image's entrypoint runs it: one login role per service owning one schema, and no role touches another's.
 */
class EvaluationDatabaseInitTest {

    private static TestEvaluationDatabase database;

    @BeforeAll
    static void runInitScript() throws Exception {
        assumeTrue(TestEvaluationDatabase.psqlInstalled(), "psql (PostgreSQL client) not installed: init script not exercised");
        database = TestEvaluationDatabase.start(StrictValidator.parse(TestRenders.yaml(TestRenders.Source.EVALUATION)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void initWhenFirstStartThenEachServiceRoleOwnsItsSchema() throws Exception {
        for (String schema : List.of("registration", "authorization", "token", "resource")) {
            String role = database.environment().get(schema.toUpperCase() + "_DB_USERNAME");
            assertEquals(schema, role, "evaluation roles are named after their schema");
            TestEvaluationDatabase.Result owner = database.psql("postgres", "gatehouse",
                    "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = '" + schema + "'");
            assertEquals(role, owner.output().strip());
            // Quoted: "authorization" is a reserved word in PostgreSQL (Flyway quotes schema names too).
            TestEvaluationDatabase.Result create = database.psql(role, "gatehouse", "CREATE TABLE \"" + schema + "\".probe (id int)");
            assertEquals(0, create.exit(), role + " creates tables in its own schema (as Flyway does): " + create.output());
        }
    }

    @Test
    void initWhenFirstStartThenNoRoleReachesAnotherSchema() throws Exception {
        assertEquals(0, database.psql("registration", "gatehouse", "CREATE TABLE IF NOT EXISTS registration.secret_table (id int)").exit());
        TestEvaluationDatabase.Result read = database.psql("token", "gatehouse", "SELECT * FROM registration.secret_table");
        assertNotEquals(0, read.exit(), "token must not read registration's schema");
        assertTrue(read.output().contains("permission denied"), read.output());
        TestEvaluationDatabase.Result stray = database.psql("resource", "gatehouse", "CREATE TABLE public.stray (id int)");
        assertNotEquals(0, stray.exit(), "no role may create tables in public");
    }
}
