package io.picloud.dashboard.impl;

import org.osgi.framework.Bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/** Reads the files a bundle carries under one directory, by their path below it. */
final class BundleFiles {
    private BundleFiles() {
    }

    /**
     * @param directory e.g. {@code /dashboard-files}
     * @return each file's bytes by its path below {@code directory} ({@code /index.html}); directories left out
     */
    static Map<String, byte[]> read(Bundle bundle, String directory) {
        Map<String, byte[]> files = new HashMap<>();
        Enumeration<URL> entries = bundle.findEntries(directory, "*", true);
        while (entries != null && entries.hasMoreElements()) {
            URL entry = entries.nextElement();
            String path = entry.getPath();
            if (!path.endsWith("/") && path.startsWith(directory + "/")) {
                files.put(path.substring(directory.length()), read(entry));
            }
        }
        return files;
    }

    private static byte[] read(URL entry) {
        try (InputStream in = entry.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry, e);
        }
    }
}
