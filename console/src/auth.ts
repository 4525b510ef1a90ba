// Sign-in with the identity service: authorization code + PKCE (S256), same origin through the gateway.
// The access token lives in sessionStorage: it ends with the tab, and the console never sees a password.

const clientId = "zaili-console";
const redirectUri = `${location.origin}/console/callback`;
const tokenKey = "zaili.token";
const verifierKey = "zaili.pkce";

export interface Session {
  accessToken: string;
  expiresAt: number;
}

function base64Url(bytes: Uint8Array): string {
  let text = "";
  bytes.forEach((b) => (text += String.fromCharCode(b)));
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function currentSession(): Session | null {
  const stored = sessionStorage.getItem(tokenKey);
  if (!stored) return null;
  const session = JSON.parse(stored) as Session;
  return session.expiresAt > Date.now() + 30_000 ? session : null;
}

export async function signIn(returnTo: string): Promise<void> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(verifierKey, JSON.stringify({ verifier, state, returnTo }));
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: "openid profile roles offline_access zaili-api",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  location.assign(`/connect/authorize?${query}`);
}

/** The callback: trades the code for tokens, then goes back where the user was. */
export async function completeSignIn(): Promise<string> {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(verifierKey) ?? "null") as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(verifierKey);
  if (!pending || params.get("state") !== pending.state || !params.get("code")) {
    throw new Error(params.get("error_description") ?? "登录请求已失效，请重新登录");
  }
  const response = await fetch("/connect/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: params.get("code")!,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error("登录失败，请重新登录");
  const tokens = (await response.json()) as { access_token: string; expires_in: number };
  const session: Session = { accessToken: tokens.access_token, expiresAt: Date.now() + tokens.expires_in * 1000 };
  sessionStorage.setItem(tokenKey, JSON.stringify(session));
  return pending.returnTo;
}

export function signOut(): void {
  sessionStorage.removeItem(tokenKey);
  location.assign("/connect/logout");
}
