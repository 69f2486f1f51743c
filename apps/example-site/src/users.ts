/** A user of the example site. Its FaceAuth user id is the name the face was enrolled under. */
export interface SiteUser {
  username: string;
  faceauthUserId: string;
}

/** The site's own user table (in memory: the example has no sign-up). */
export class UserTable {
  private readonly byUsername = new Map<string, SiteUser>();

  constructor(users: SiteUser[]) {
    for (const user of users) this.byUsername.set(user.username.toLowerCase(), user);
  }

  find(username: string): SiteUser | undefined {
    return this.byUsername.get(username.trim().toLowerCase());
  }
}
