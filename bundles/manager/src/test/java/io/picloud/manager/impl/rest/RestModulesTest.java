package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.Test;

/** Deploying a script that imports modules: each import must be a deployed script, and no circle of imports. */
public class RestModulesTest extends RestTeam {
    @Test
    public void anImportOfAScriptThatIsNotDeployedIs422AtTheImport() {
        Reply r = api.put("/scripts/app").key(alice).text("let x = 1;\nimport \"missing-lib\" as lib;\nx").send();
        assertEquals(r.toString(), 422, r.status());
        JsonNode d = r.json().get("error").get("details").get(0);
        assertEquals("ErrorModuleNotFound", d.get("kind").asText());
        assertTrue(d.get("message").asText(), d.get("message").asText().contains("'missing-lib'"));
        assertEquals(2, d.get("line").asInt());
        assertEquals(8, d.get("column").asInt());
        assertEquals(404, api.get("/scripts/app").key(alice).send().status());
    }

    @Test
    public void aCircleOfImportsIs422AndTheActiveVersionStays() {
        assertEquals(201, api.put("/scripts/mod-a").key(alice).text("fn f() { 1 }").send().status());
        assertEquals(201, api.put("/scripts/mod-b").key(alice).text("import \"mod-a\" as a; fn g() { a::f() }")
                .send().status());
        Reply circle = api.put("/scripts/mod-a").key(alice).text("import \"mod-b\" as b; fn f() { 1 }").send();
        assertEquals(circle.toString(), 422, circle.status());
        assertEquals("ErrorModuleCycle", circle.json().get("error").get("details").get(0).get("kind").asText());
        assertEquals("fn f() { 1 }", api.get("/scripts/mod-a").key(alice).send().json().get("source").asText());
        Reply self = api.put("/scripts/mod-c").key(alice).text("import \"mod-c\" as me;").send();
        assertEquals(422, self.status());
    }
}
