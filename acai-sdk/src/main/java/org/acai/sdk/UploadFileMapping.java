package org.acai.sdk;

import java.util.List;

/**
 * What {@link FileClient#convertToFileMapping} found.
 *
 * @param filesToUpload readable files paired with their remote paths
 * @param filesIgnored local paths that cannot be read (and so are not uploaded)
 */
public record UploadFileMapping(FilesList filesToUpload, List<String> filesIgnored) {}
