// The Generative AI Guide page: starts or resumes a conversation on the app's own Direct Line 3.0
// endpoint and renders it with Web Chat (window.WebChat, from webchat.js). A file of its own, not an
// inline script, so the page's Content-Security-Policy can forbid inline scripts.
(function () {
  'use strict';

  const DIRECT_LINE = location.origin + '/v3/directline';
  const STORAGE_KEY = 'genai-guide/conversation';
  const USER_NAME = 'You';
  // Refresh at half the token's life: DirectLineJS refreshes on its own only every 15 minutes, and
  // the page must keep the newest token for a reload.
  const MIN_REFRESH_DELAY_MS = 30 * 1000;
  const DEFAULT_EXPIRES_IN_S = 1800;
  // DirectLineJS's ConnectionStatus.
  const ONLINE = 2;
  const EXPIRED_TOKEN = 3;
  const FAILED_TO_CONNECT = 4;
  const ENDED = 5;

  const STYLE_OPTIONS = Object.freeze({
    accent: '#0b5cad',
    avatarSize: 36,
    botAvatarBackgroundColor: '#0b5cad',
    botAvatarInitials: 'AI',
    bubbleBackground: '#f3f6fa',
    bubbleBorderColor: '#d9e1ea',
    bubbleBorderRadius: 10,
    bubbleFromUserBackground: '#e3eefb',
    bubbleFromUserBorderColor: '#c4d8f0',
    bubbleFromUserBorderRadius: 10,
    bubbleMaxWidth: 680,
    // Every answer keeps its own status line (time, AI label, like/dislike): by default Web Chat shows
    // one status line for a run of messages, and `false` would hide them all. 0 ms groups nothing.
    groupTimestamp: 0,
    hideUploadButton: true,
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    sendBoxTextWrap: true,
    suggestedActionLayout: 'flow',
    userAvatarBackgroundColor: '#4a4f57',
    userAvatarInitials: 'You'
  });

  const elements = {
    newConversation: document.getElementById('new-conversation'),
    notice: document.getElementById('notice'),
    noticeRetry: document.getElementById('notice-retry'),
    noticeText: document.getElementById('notice-text'),
    webchat: document.getElementById('webchat')
  };

  /** A refusal or failure of the Direct Line endpoint; status 0 means it could not be reached. */
  class EndpointError extends Error {
    constructor(status, detail) {
      super(detail || 'Direct Line endpoint answered ' + status);
      this.status = status;
    }
  }

  function showNotice(text, action) {
    elements.noticeText.textContent = text;
    elements.noticeRetry.hidden = !action;
    if (action) {
      elements.noticeRetry.textContent = action.label;
      elements.noticeRetry.onclick = () => {
        if (action.forget) {
          forget();
        }

        location.reload();
      };
    }

    elements.notice.hidden = false;
  }

  function hideNotice() {
    elements.notice.hidden = true;
  }

  function readSaved() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      if (
        saved &&
        typeof saved.conversationId === 'string' &&
        typeof saved.token === 'string' &&
        typeof saved.userId === 'string' &&
        typeof saved.expiresAt === 'number'
      ) {
        return saved;
      }
    } catch {
      // Storage blocked or its value unreadable: start afresh.
    }

    return null;
  }

  function save(session) {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch {
      // Without storage a reload starts a new conversation; the chat itself still works.
    }
  }

  function forget() {
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Nothing was stored.
    }
  }

  function newUserId() {
    // getRandomValues works on plain http too (randomUUID needs a secure context). Not "dl_": Web Chat
    // reserves that prefix for ids embedded in a Direct Line token and replaces such an id.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return 'user-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  async function post(path, token, body) {
    const headers = { Accept: 'application/json' };
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }

    if (body) {
      headers['Content-Type'] = 'application/json';
    }

    let response;
    try {
      response = await fetch(DIRECT_LINE + path, {
        body: body ? JSON.stringify(body) : undefined,
        cache: 'no-store',
        headers,
        method: 'POST'
      });
    } catch {
      throw new EndpointError(0, 'network error');
    }

    if (!response.ok) {
      throw new EndpointError(response.status);
    }

    const json = await response.json().catch(() => null);
    if (!json || typeof json.token !== 'string' || !json.token) {
      throw new EndpointError(response.status, 'the answer has no token');
    }

    return json;
  }

  function toSession(json, previous) {
    const expiresIn = Number(json.expires_in) > 0 ? Number(json.expires_in) : DEFAULT_EXPIRES_IN_S;
    return {
      conversationId: typeof json.conversationId === 'string' && json.conversationId ? json.conversationId : previous.conversationId,
      expiresAt: Date.now() + expiresIn * 1000,
      token: json.token,
      userId: previous.userId
    };
  }

  async function startConversation() {
    const userId = newUserId();
    const json = await post('/conversations', null, { user: { id: userId, name: USER_NAME } });
    if (typeof json.conversationId !== 'string' || !json.conversationId) {
      throw new EndpointError(200, 'the answer has no conversationId');
    }

    return toSession(json, { userId });
  }

  /** The conversation saved for this tab, with a fresh token, or else a new conversation. */
  async function resumeOrStart() {
    const saved = readSaved();
    if (saved && saved.expiresAt > Date.now() + 5000) {
      try {
        return toSession(await post('/tokens/refresh', saved.token), saved);
      } catch (error) {
        // Unreachable or failing: say so rather than drop the conversation. Refused (the app
        // restarted and forgot it, or the token is no longer valid): start a new one.
        if (!(error instanceof EndpointError) || error.status === 0 || error.status >= 500) {
          throw error;
        }
      }
    }

    forget();
    return startConversation();
  }

  function describe(error) {
    if (!(error instanceof EndpointError)) {
      return 'The chat could not start (' + error.message + ').';
    }

    if (error.status === 0) {
      return 'The Generative AI Guide cannot be reached. Check your connection and try again.';
    }

    if (error.status === 401 || error.status === 403 || error.status === 404) {
      return 'The chat is not available on this server: its Direct Line endpoint is turned off. ' +
        'It is on in Development; elsewhere it needs a Direct Line secret in the app\'s settings.';
    }

    return 'The chat service answered ' + error.status + '. Try again in a moment.';
  }

  function render(session) {
    // No watermark: Web Chat keeps no transcript across a reload, so the page asks the endpoint for
    // the whole conversation again; a saved watermark would hide what was said before the reload.
    const directLine = window.WebChat.createDirectLine({
      conversationId: session.conversationId,
      domain: DIRECT_LINE,
      token: session.token,
      webSocket: false
    });

    let current = session;
    let refreshTimer;
    let refreshing = false;

    function scheduleRefresh(delay) {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(refreshToken, delay ?? Math.max(MIN_REFRESH_DELAY_MS, (current.expiresAt - Date.now()) / 2));
    }

    async function refreshToken() {
      if (refreshing) {
        return;
      }

      refreshing = true;
      try {
        // DirectLineJS may have refreshed the token itself since: refresh its newest one.
        current = toSession(await post('/tokens/refresh', directLine.token || current.token), current);
        save(current);
        directLine.reconnect({ conversationId: current.conversationId, token: current.token });
        scheduleRefresh();
      } catch (error) {
        const transient = !(error instanceof EndpointError) || error.status === 0 || error.status >= 500;
        if (transient && current.expiresAt > Date.now() + MIN_REFRESH_DELAY_MS) {
          scheduleRefresh(MIN_REFRESH_DELAY_MS);
        } else {
          forget();
          showNotice('This conversation has expired.', { forget: true, label: 'Start a new conversation' });
        }
      } finally {
        refreshing = false;
      }
    }

    directLine.connectionStatus$.subscribe(status => {
      if (status === ONLINE) {
        hideNotice();
      } else if (status === EXPIRED_TOKEN) {
        refreshToken();
      } else if (status === FAILED_TO_CONNECT) {
        showNotice('The connection to the Generative AI Guide was lost.', { forget: true, label: 'Start a new conversation' });
      } else if (status === ENDED) {
        showNotice('This conversation has ended.', { forget: true, label: 'Start a new conversation' });
      }
    });

    elements.webchat.hidden = false;
    window.WebChat.renderWebChat(
      {
        directLine,
        locale: 'en-US',
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: 'Ask about generative AI' },
        styleOptions: STYLE_OPTIONS,
        userID: session.userId,
        username: USER_NAME
      },
      elements.webchat
    );

    scheduleRefresh();
  }

  async function main() {
    elements.newConversation.addEventListener('click', () => {
      forget();
      location.reload();
    });

    if (!window.WebChat) {
      showNotice('The chat could not load its Web Chat script (webchat.js).', { label: 'Try again' });
      return;
    }

    let session;
    try {
      session = await resumeOrStart();
    } catch (error) {
      showNotice(describe(error), { label: 'Try again' });
      return;
    }

    save(session);
    elements.newConversation.hidden = false;
    render(session);
  }

  main();
})();
