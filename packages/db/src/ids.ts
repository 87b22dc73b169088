const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** Ids that are not UUIDs cannot exist; dropping them keeps PostgreSQL from raising a cast error. */
export const validUuids = (ids: readonly string[]): string[] => ids.filter(isUuid);
