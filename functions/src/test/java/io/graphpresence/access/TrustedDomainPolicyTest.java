package io.graphpresence.access;

import io.graphpresence.directory.ExternalAccess;
import io.graphpresence.directory.ExternalAccess.Mode;
import io.graphpresence.directory.Tenant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedDomainPolicyTest {

    private static Tenant tenant(String id, List<String> domains, Mode mode, String... listed) {
        return new Tenant(id, id, domains, new ExternalAccess(mode, List.of(listed)), List.of());
    }

    private static final Tenant CONTOSO_OPEN = tenant("c", List.of("contoso.com"), Mode.allowAll);

    @Test
    void aTenantAlwaysSeesItself() {
        Tenant closed = tenant("c", List.of("contoso.com"), Mode.disabled);
        assertTrue(TrustedDomainPolicy.mutuallyTrusted(closed, closed));
    }

    @Test
    void trustMustBeMutual() {
        Tenant fabrikamListsContoso = tenant("f", List.of("fabrikam.com"), Mode.allowList, "contoso.com");
        Tenant contosoListsNobody = tenant("c", List.of("contoso.com"), Mode.allowList);
        assertFalse(TrustedDomainPolicy.mutuallyTrusted(contosoListsNobody, fabrikamListsContoso));
        assertFalse(TrustedDomainPolicy.mutuallyTrusted(fabrikamListsContoso, contosoListsNobody));
        Tenant contosoListsFabrikam = tenant("c", List.of("contoso.com"), Mode.allowList, "fabrikam.com");
        assertTrue(TrustedDomainPolicy.mutuallyTrusted(contosoListsFabrikam, fabrikamListsContoso));
        assertTrue(TrustedDomainPolicy.mutuallyTrusted(fabrikamListsContoso, contosoListsFabrikam));
    }

    @Test
    void anAllowListAdmitsATenantWithOneListedDomain() {
        Tenant multiDomain = tenant("f", List.of("fabrikam.net", "fabrikam.com"), Mode.allowAll);
        Tenant listsOne = tenant("c", List.of("contoso.com"), Mode.allowList, "FABRIKAM.com");
        assertTrue(TrustedDomainPolicy.mutuallyTrusted(listsOne, multiDomain), "domains compare without case");
    }

    @Test
    void aBlockListAdmitsEveryoneElseButBlockingAnyDomainBlocksTheTenant() {
        Tenant fabrikam = tenant("f", List.of("fabrikam.net", "fabrikam.com"), Mode.allowAll);
        assertTrue(TrustedDomainPolicy.mutuallyTrusted(
                tenant("c", List.of("contoso.com"), Mode.blockList, "tailspin.com"), fabrikam));
        assertFalse(TrustedDomainPolicy.mutuallyTrusted(
                tenant("c", List.of("contoso.com"), Mode.blockList, "fabrikam.net"), fabrikam));
    }

    @Test
    void externalAccessOffAdmitsNobodyEitherWay() {
        Tenant off = tenant("f", List.of("fabrikam.com"), Mode.disabled);
        assertFalse(TrustedDomainPolicy.mutuallyTrusted(CONTOSO_OPEN, off));
        assertFalse(TrustedDomainPolicy.mutuallyTrusted(off, CONTOSO_OPEN));
    }

    @Test
    void aTenantWithoutDomainsIsAdmittedOnlyByAllowAll() {
        Tenant bare = tenant("b", List.of(), Mode.allowAll);
        assertTrue(TrustedDomainPolicy.mutuallyTrusted(CONTOSO_OPEN, bare));
        assertFalse(TrustedDomainPolicy.mutuallyTrusted(tenant("c", List.of("contoso.com"), Mode.allowList, "x.com"), bare));
    }
}
