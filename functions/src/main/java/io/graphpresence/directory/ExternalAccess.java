package io.graphpresence.directory;

import java.util.List;

/**
 * A tenant's external-access policy: who outside the tenant may see its users' presence.
 *
 * @param domains the listed domains for {@code allowList} and {@code blockList}
 */
public record ExternalAccess(Mode mode, List<String> domains) {

    public static final ExternalAccess DISABLED = new ExternalAccess(Mode.disabled, List.of());

    public enum Mode { disabled, allowAll, allowList, blockList }
}
