/** One story group as written to `stories/<storyId>.json`; rewritten as members join. */
export interface StoryRecord {
  schemaVersion: number;
  id: string;
  /** Member article ids in the order they joined. */
  members: string[];
  /** Article id that best represents the group (the first original, not a copy). */
  representative: string;
  title: string;
  sources: string[];
  firstSeenAt: string;
  lastSeenAt: string;
  /** Ids of stories merged into this one (the older id survives a merge). */
  merged: { storyId: string; at: string }[];
}
