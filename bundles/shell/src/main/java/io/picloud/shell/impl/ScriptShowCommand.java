package io.picloud.shell.impl;

import io.picloud.api.ScriptSummary;
import io.picloud.api.ScriptVersion;
import io.picloud.api.control.Principal;
import io.picloud.api.control.ScriptService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Shows the active version of a script, its owner and access, and its source. */
@Service
@Command(scope = "picloud", name = "script-show", description = "Shows the active version of a script and its source")
public class ScriptShowCommand extends ControlCommand {
    @Argument(index = 0, name = "name", description = "Script name", required = true)
    @Completion(ScriptNameCompleter.class)
    String name;

    @Reference
    ScriptService scripts;

    @Override
    void run(Principal p) {
        ScriptService.ScriptDetail detail = scripts.get(p, name);
        ScriptVersion v = detail.active();
        ScriptSummary s = detail.summary();
        System.out.println("name     " + v.name());
        System.out.println("version  " + v.version());
        System.out.println("hash     " + v.hash());
        System.out.println("created  " + Text.time(v.createdAt()));
        System.out.println("owner    " + Text.orEmpty(s.owner()));
        System.out.println("access   " + (s.access() == null ? "" : s.access().id()));
        System.out.println();
        System.out.println(v.source());
    }
}
