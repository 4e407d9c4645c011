// Where to put the dot of a participant that has no outline in either atlas: [longitude,
// latitude] of its capital, keyed by ISO 3166-1 numeric code. world-atlas 1:50m has every
// other small State; only Tuvalu (and the European Union, which is no place) is missing.
export const CURATED_LOCATIONS: Record<string, [lon: number, lat: number]> = {
	'798': [179.19, -8.52] // Tuvalu: Funafuti
};
