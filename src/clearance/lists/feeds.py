"""The official feeds `clearance lists update` downloads by default (one place for the URLs)."""

from __future__ import annotations

# trade.gov Consolidated Screening List, bulk download (keyless). The JSON and the CSV hold the
# same entries; the default imports the JSON.
CSL_JSON_URL = (
    "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json"
)
CSL_CSV_URL = "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"

# OFAC Sanctions List Service, legacy CSV files (treasury.gov/ofac/downloads redirects here).
_OFAC = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports"
OFAC_SDN_URL = f"{_OFAC}/SDN.CSV"
OFAC_ADD_URL = f"{_OFAC}/ADD.CSV"
OFAC_ALT_URL = f"{_OFAC}/ALT.CSV"
OFAC_COMMENTS_URL = f"{_OFAC}/SDN_COMMENTS.CSV"

# UN Security Council Consolidated List.
UN_XML_URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"

DEFAULT_FEEDS: tuple[str, ...] = (
    CSL_JSON_URL,
    OFAC_SDN_URL,
    OFAC_ADD_URL,
    OFAC_ALT_URL,
    UN_XML_URL,
)
