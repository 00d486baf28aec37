package io.picloud.database.template;

import io.picloud.database.impl.EmbeddedTemplate;
import io.picloud.store.impl.Migrations;
import java.nio.file.Path;

/**
 * Makes the distribution's {@code lib/postgresql}: the embedded PostgreSQL's binaries unpacked and a first-start
 * template migrated to the current schema (see {@link EmbeddedTemplate}). Argument: the directory to make.
 */
public final class TemplateMain {

    private TemplateMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TemplateMain <output directory>");
            System.exit(2);
        }
        EmbeddedTemplate.build(Path.of(args[0]).toAbsolutePath(), Migrations::migrate);
    }
}
