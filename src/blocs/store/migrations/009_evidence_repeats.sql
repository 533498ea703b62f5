-- blocs store, migration 9: imported events that repeat one of blocs' own.
--
-- GDELT (or Phoenix, ICEWS) may have coded the same happening from the same article as
-- blocs did. An imported row repeats a blocs event when one of its URLs (Phoenix joins
-- several with `;`) is the URL of a stored article (or of a document read as that article),
-- and its date, source state, target state and CAMEO root equal those of one of blocs'
-- events from that article (`evidence_events`' date and state-level codes; a missing state
-- or root matches only a missing one). `repeats` is the lowest such blocs event id.
--
-- The counting rule (store/event_queries.py `counted_once`): when blocs' events are
-- selected with imported ones, a repeating imported row is not counted, so the happening
-- counts once, as blocs' event, which has the sentence and blocs' reading of its modality.
-- Selected alone, an imported origin counts all its rows.

CREATE VIEW evidence_repeats AS
-- Only the rows whose URL is a list are split (splitting every row costs 1.6 times more).
WITH imported AS (
    SELECT event_id, event_date, source_country, target_country, cameo_root, url
    FROM coded_events
    WHERE url IS NOT NULL AND NOT contains(url, ';')
    UNION ALL
    SELECT event_id, event_date, source_country, target_country, cameo_root,
        trim(unnest(string_split(url, ';'))) AS url
    FROM coded_events
    WHERE contains(url, ';')
),
article_urls AS (
    SELECT article_id, url FROM articles WHERE url IS NOT NULL
    UNION
    SELECT article_id, url FROM documents WHERE url IS NOT NULL
)
SELECT i.event_id, min(b.event_id) AS repeats
FROM imported i
JOIN article_urls u ON u.url = i.url
JOIN evidence_events b ON b.origin = 'blocs' AND b.article_id = u.article_id
    AND b.event_date = i.event_date
    AND b.source_country IS NOT DISTINCT FROM i.source_country
    AND b.target_country IS NOT DISTINCT FROM i.target_country
    AND b.cameo_root IS NOT DISTINCT FROM i.cameo_root
GROUP BY i.event_id;
