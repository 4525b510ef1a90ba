import { currentSession, signIn } from "./auth";

/** An RFC 9457 answer from a service, shown to staff as it came: the services write it in Chinese. */
export class Problem extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    public readonly detail?: string,
    public readonly errors?: Record<string, string[]>,
  ) {
    super(detail ?? title);
  }

  get lines(): string[] {
    const fieldErrors = Object.values(this.errors ?? {}).flat();
    return [this.detail ?? "", ...fieldErrors].filter((line) => line.length > 0);
  }
}

/** A request with the user's token; without a session it starts the sign-in and comes back here. */
async function send(path: string, init?: { method?: string; body?: unknown }): Promise<Response> {
  const session = currentSession();
  if (!session) {
    await signIn(location.pathname + location.search);
    throw new Problem(401, "未登录或登录已失效");
  }
  return fetch(path, {
    method: init?.method ?? "GET",
    headers: {
      Authorization: `Bearer ${session.accessToken}`,
      ...(init?.body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const response = await send(path, init);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = text.length > 0 ? JSON.parse(text) : undefined;
  if (!response.ok) {
    throw new Problem(response.status, json?.title ?? `请求失败（${response.status}）`, json?.detail, json?.errors);
  }
  return json as T;
}

/** A document the API renders (the annual report's printable HTML). */
export async function apiText(path: string): Promise<string> {
  const response = await send(path);
  if (!response.ok) throw new Problem(response.status, `请求失败（${response.status}）`);
  return response.text();
}

/**
 * Sends a file (a CSV import) with the user's token and reports how much of it has reached the gateway:
 * fetch cannot tell upload progress, XMLHttpRequest can. The service then applies the whole file or none of it.
 */
export function upload<T>(path: string, file: Blob, contentType: string, onProgress: (sent: number, total: number) => void, method = "PUT"): Promise<T> {
  const session = currentSession();
  if (!session) {
    void signIn(location.pathname + location.search);
    return Promise.reject(new Problem(401, "未登录或登录已失效"));
  }
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, path);
    request.setRequestHeader("Authorization", `Bearer ${session.accessToken}`);
    request.setRequestHeader("Content-Type", contentType);
    request.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    request.onerror = () => reject(new Problem(0, "网络错误，文件未能送达"));
    request.onload = () => {
      const json = request.responseText.length > 0 ? JSON.parse(request.responseText) : undefined;
      if (request.status >= 200 && request.status < 300) resolve(json as T);
      else reject(new Problem(request.status, json?.title ?? `请求失败（${request.status}）`, json?.detail, json?.errors));
    };
    request.send(file);
  });
}
