package org.sdgsearch.source;

import java.util.List;

/**
 * A partnership and what we harvest from it: its websites and document folders, and when to recrawl them.
 *
 * @param id                short stable identifier, lower-case letters, digits and '-' (used in URLs and filters)
 * @param name              display name
 * @param description       what the partnership does
 * @param leadOrganisations organisations that lead the partnership
 * @param stakeholderTypes  kinds of stakeholders involved (e.g. "government", "private sector", "civil society")
 * @param countries         ISO 3166-1 alpha-2 codes of countries the partnership works in ("XX" none: global)
 * @param declaredSdgs      SDGs the partnership says it works on (may be empty); never used as document labels
 * @param websites          websites to crawl
 * @param folders           local document folders to crawl
 * @param schedule          Quartz-style cron expression for recrawls
 */
public record Source(String id, String name, String description, List<String> leadOrganisations,
                     List<String> stakeholderTypes, List<String> countries, List<Integer> declaredSdgs,
                     List<Website> websites, List<DocumentFolder> folders, String schedule) {

    public Source {
        leadOrganisations = List.copyOf(leadOrganisations);
        stakeholderTypes = List.copyOf(stakeholderTypes);
        countries = List.copyOf(countries);
        declaredSdgs = List.copyOf(declaredSdgs);
        websites = List.copyOf(websites);
        folders = List.copyOf(folders);
    }
}
