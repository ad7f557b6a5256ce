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
  /**
   * lastSeenAt plus the story window and the story memory: until then a new report of the event
   * can join this story; one fetched later starts a new story. Absent from files written before
   * it existed.
   */
  expiresAt?: string;
  /** Ids of stories merged into this one (the older id survives a merge). */
  merged: { storyId: string; at: string }[];
}
