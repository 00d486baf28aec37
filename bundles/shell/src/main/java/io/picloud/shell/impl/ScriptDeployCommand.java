package io.picloud.shell.impl;

import io.picloud.api.DeployResult;
import io.picloud.api.ScriptCompiler;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptStore;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Deploys a script file as a new version, after checking that it compiles. */
@Service
@Command(scope = "picloud", name = "script-deploy", description = "Deploys a Rhai file as the new active version of a script")
public class ScriptDeployCommand implements Action {
    @Argument(index = 0, name = "name", description = "Script name ([a-z0-9][a-z0-9-]{0,62})", required = true)
    @Completion(ScriptNameCompleter.class)
    String name;

    @Argument(index = 1, name = "file", description = "Path of the .rhai file", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Reference
    ScriptStore store;

    @Reference
    ScriptCompiler compiler;

    @Override
    public Object execute() throws IOException {
        Text.requireValidName(name);
        String source;
        try {
            source = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        List<ScriptProblem> problems = compiler.check(name, source);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Script '" + name + "' does not compile (" + problems.size()
                    + " error" + (problems.size() == 1 ? "" : "s") + "); nothing deployed:\n"
                    + Problems.format(problems));
        }
        DeployResult result = store.deploy(name, source);
        System.out.println((result.created() ? "Created" : "Deployed") + " script '" + name + "' version "
                + result.version().version() + " (" + Text.shortHash(result.version().hash()) + ")");
        return null;
    }
}
