package org.gatehouse.authorization.thirdparty;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.authorization.consent.PermissionDescriptions;
import org.gatehouse.authorization.profile.ExposureProfiles;
import org.gatehouse.authorization.profile.Profile;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The user's side of {@code /api/v1/authorize} (ARCHITECTURE.md flow 5): after login the user picks one of their
 * exposure profiles for the app. Approval is only possible through a profile that covers every permission the app
 * requested: the page shows Approve disabled otherwise, and {@link #approve} refuses it whatever the browser sent.
 */
@ApplicationScoped
public class ThirdPartyConsent {

    private static final Logger LOG = Logger.getLogger(ThirdPartyConsent.class);

    private final ExposureProfiles profiles;
    private final ThirdPartyGrants grants;

    public ThirdPartyConsent(ExposureProfiles profiles, ThirdPartyGrants grants) {
        this.profiles = profiles;
        this.grants = grants;
    }

    /**
     * What the consent page shows. The selected profile is {@code requestedProfileId} when it is one of the user's;
     * otherwise the profile of the user's current grant to the app when it covers the request; otherwise the first
     * profile that covers it (so Approve is ready when the user already has a fitting profile); otherwise the
     * user's first profile.
     */
    public View view(ThirdPartyRequest request, String userId, String requestedProfileId, String error) {
        List<Profile> owned = profiles.list(userId);
        List<String> requested = request.requested();
        Optional<UUID> selected = ExposureProfiles.parseId(requestedProfileId)
                .filter(id -> owned.stream().anyMatch(p -> p.id().equals(id)))
                .or(() -> grants.findActive(userId, request.client().clientId())
                        .map(ThirdPartyGrants.ActiveGrant::profileId)
                        .filter(id -> owned.stream().anyMatch(p -> p.id().equals(id) && p.covers(requested))))
                .or(() -> owned.stream().filter(p -> p.covers(requested)).findFirst().map(Profile::id))
                .or(() -> owned.stream().findFirst().map(Profile::id));
        List<Option> options = owned.stream()
                .map(p -> new Option(p, selected.map(p.id()::equals).orElse(false), p.covers(request.requested()),
                        p.lacking(request.requested())))
                .toList();
        return new View(request, options, error);
    }

    /** Grants the app access through the chosen profile, or says why not (the page is shown again). */
    public Decision approve(ThirdPartyRequest request, String userId, String profileId) {
        Optional<UUID> id = ExposureProfiles.parseId(profileId);
        if (id.isEmpty()) {
            return new Refused(view(request, userId, profileId, "Choose one of your profiles first."));
        }
        ThirdPartyGrants.Outcome outcome = grants.grant(userId, request.client().clientId(), id.get(),
                request.requested());
        return switch (outcome) {
            case GRANTED -> {
                LOG.infof("User %s authorized third-party app %s through profile %s", userId,
                        request.client().clientId(), id.get());
                yield new Approved(ThirdPartyCallback.approved(request, userId));
            }
            case NO_SUCH_PROFILE -> new Refused(view(request, userId, null,
                    "That profile no longer exists. Choose another one."));
            case NOT_COVERING -> {
                View view = view(request, userId, profileId, null);
                String lacking = view.selected().map(o -> String.join(", ", describe(o.lacking()))).orElse("");
                yield new Refused(new View(request, view.options(), "The profile you chose does not allow everything "
                        + request.client().displayName() + " asks for (missing: " + lacking
                        + "). Choose another profile or press Customize."));
            }
        };
    }

    /** Customize: a new profile holding exactly what the app requested (or the existing one of that name). */
    public Profile customize(ThirdPartyRequest request, String userId) {
        return profiles.createFor(userId, request.client().displayName(), request.requested());
    }

    public String deny(ThirdPartyRequest request) {
        return ThirdPartyCallback.denied(request);
    }

    private static List<String> describe(List<String> permissions) {
        return permissions.stream().map(PermissionDescriptions::sentence).toList();
    }

    /** A profile on the consent page. */
    public record Option(Profile profile, boolean selected, boolean covers, List<String> lacking) {

        public List<String> lackingDescriptions() {
            return describe(lacking);
        }
    }

    /** The consent page: the request, the user's profiles, the selection and an error to show. */
    public record View(ThirdPartyRequest request, List<Option> options, String error) {

        public Optional<Option> selected() {
            return options.stream().filter(Option::selected).findFirst();
        }

        /** Approve is enabled only while the selected profile covers the request. */
        public boolean approvable() {
            return selected().map(Option::covers).orElse(false);
        }

        public boolean noneCovers() {
            return options.stream().noneMatch(Option::covers);
        }
    }

    public sealed interface Decision permits Approved, Refused {
    }

    /** Back to the app with {@code code=success}. */
    public record Approved(String location) implements Decision {
    }

    /** Not approved: show the page again with the reason. */
    public record Refused(View view) implements Decision {
    }
}
