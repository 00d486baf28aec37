package io.picloud.shell.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.picloud.api.DeployResult;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.ScriptService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/** Deploys a script file as a new version; the service checks that it compiles and that the user may. */
@Service
@Command(scope = "picloud", name = "script-deploy", description = "Deploys a Rhai file as the new active version of a script")
public class ScriptDeployCommand extends ControlCommand {
    @Argument(index = 0, name = "name", description = "Script name ([a-z0-9][a-z0-9-]{0,62})", required = true)
    @Completion(ScriptNameCompleter.class)
    String name;

    @Argument(index = 1, name = "file", description = "Path of the .rhai file", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Reference
    ScriptService scripts;

    @Override
    void run(Principal p) throws IOException {
        String source;
        try {
            source = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        DeployResult result = scripts.deploy(p, name, source);
        System.out.println((result.created() ? "Created" : "Deployed") + " script '" + name + "' version "
                + result.version().version() + " (" + Text.shortHash(result.version().hash()) + ")");
    }

    @Override
    String describe(OperationException e) {
        if (e.kind() == OperationException.Kind.UNPROCESSABLE && e.details() != null && !e.details().isEmpty()) {
            int n = e.details().size();
            return "Script '" + name + "' does not compile (" + n + " error" + (n == 1 ? "" : "s")
                    + "); nothing deployed:\n" + Failures.details(e.details());
        }
        return super.describe(e);
    }
}
