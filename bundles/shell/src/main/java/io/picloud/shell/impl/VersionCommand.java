package io.picloud.shell.impl;

import io.picloud.api.PlatformInfo;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Prints the product, API and schema versions. */
@Service
@Command(scope = "picloud", name = "version", description = "Shows the product, API and schema versions")
public class VersionCommand implements Action {
    @Reference(optional = true)
    PlatformInfo info;

    @Override
    public Object execute() {
        if (info == null) {
            System.out.println("product  unknown (the manager is not running on this node)");
            return null;
        }
        System.out.println("product  " + info.productVersion());
        System.out.println("api      " + info.apiVersion());
        int schema = info.schemaVersion();
        System.out.println("schema   " + (schema > 0 ? Integer.toString(schema) : "unknown (database not reached yet)"));
        return null;
    }
}
