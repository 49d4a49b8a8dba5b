"""A stand-in for the Telegram Bot API: aiohttp on 127.0.0.1 (random port), in a background thread.

It queues updates for `getUpdates`, records every call, checks `sendMessage` the way Telegram does
(non-empty, at most 4096 characters after parsing, well-formed HTML with Telegram's tags only,
callback data up to 64 bytes) and can answer with injected failures: 429 with `retry_after`, 403, 5xx.

    with BotAPIStub() as api:                      # api.url → TELEGRAM_API_URL
        api.send_text("/latest", chat_id=42)
        (reply,) = api.wait_messages(42, 1)
        api.press(reply, "Ещё")

Channels are registered by the test (`add_channel`): `getChat` answers them by id or @username with a
ChatFullInfo, `getChatMember` with ChatMemberOwner/Administrator/Member/Left (or 400 "member list is
inaccessible" when the bot is not one of its administrators), and `sendMessage` posts there only when the
bot is an administrator with `can_post_messages`. Any other chat: 400 "chat not found" from `getChat`.

Webhooks: `setWebhook`, `getWebhookInfo` and `deleteWebhook` keep one webhook (URL, update types, secret)
as Telegram does, and are recorded like every call; `text_update` builds an update to post to a webhook.

Works from sync and async tests alike: the server has its own thread and event loop.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import web

T = TypeVar("T")

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
    "tg-emoji", "code", "pre", "blockquote",
}  # fmt: skip
NAMED_ENTITIES = {"lt", "gt", "amp", "quot"}
TOKEN_RE = re.compile(r"<(/?)([A-Za-z][\w-]*)((?:\s[^<>]*)?)>|&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);|[<>&]")
HREF_RE = re.compile(r'^\s*href\s*=\s*"([^"]*)"\s*$')
JSON_FIELDS = {"reply_markup", "allowed_updates", "commands", "link_preview_options", "entities", "reply_parameters"}
MESSAGE_METHODS = {"sendmessage", "editmessagetext"}


def check_telegram_html(text: str) -> str | None:
    """None when Telegram would accept `text` in HTML parse mode; else the reason it would not."""
    stack: list[str] = []
    for match in TOKEN_RE.finditer(text):
        closing, tag, attrs, entity = match.group(1), match.group(2), match.group(3), match.group(4)
        if tag is not None:
            tag = tag.lower()
            if tag not in ALLOWED_TAGS:
                return f'Unsupported start tag "{tag}" at byte offset {match.start()}'
            if closing:
                if not stack or stack[-1] != tag:
                    return f'Can\'t find end tag corresponding to start tag "{stack[-1] if stack else tag}"'
                stack.pop()
                continue
            if tag == "a":
                href = HREF_RE.match(attrs or "")
                if href is None:
                    return "a tag without href"
                url = html.unescape(href.group(1))
                if not re.match(r"^(https?|tg)://", url):
                    return f"Unsupported URL protocol in {url!r}"
            stack.append(tag)
        elif entity is not None:
            if not entity.startswith("#") and entity not in NAMED_ENTITIES:
                return f"Unsupported HTML entity &{entity};"
        else:
            return f"Unescaped {match.group(0)!r} at byte offset {match.start()}"
    if stack:
        return f'Can\'t find end tag corresponding to start tag "{stack[-1]}"'
    return None


def visible_text(text: str) -> str:
    """The message text as the user sees it (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^<>]*>", "", text))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int  # the HTTP status the stub answered with
    result: Any = None
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class Fault:
    status: int
    description: str
    retry_after: int | None = None


@dataclass
class Channel:
    """A channel as the stand-in knows it: who owns and administers it, and the bot's own rights."""

    id: int
    username: str  # without the "@"
    title: str
    owner: int | None = None
    admins: set[int] = field(default_factory=set)  # administrators with every right of a channel admin
    subscribers: set[int] = field(default_factory=set)  # plain members; anyone else has "left"
    bot_admin: bool = True  # bots are in a channel only as administrators
    bot_can_post: bool = True
    type: str = "channel"  # "supergroup" to have getChat answer a public group under the name instead

    def chat(self) -> dict[str, Any]:
        """The Chat object in messages."""
        return {"id": self.id, "type": self.type, "title": self.title, "username": self.username}

    def full_info(self) -> dict[str, Any]:
        """ChatFullInfo, as `getChat` returns it (with the fields Bot API 9 always sends)."""
        gifts = {"unlimited_gifts": True, "limited_gifts": True, "unique_gifts": True,
                 "premium_subscription": True, "gifts_from_channels": True}  # fmt: skip
        return {**self.chat(), "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}


def channel_administrator(user: dict[str, Any], can_post_messages: bool = True) -> dict[str, Any]:
    """ChatMemberAdministrator of a channel, with every field the Bot API sends for one."""
    rights = (
        "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
        "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
        "can_delete_stories", "can_send_welcome_messages", "can_edit_messages", "can_manage_direct_messages",
    )  # fmt: skip
    return {
        "status": "administrator",
        "user": user,
        "can_be_edited": False,
        "is_anonymous": False,
        **dict.fromkeys(rights, True),
        "can_post_messages": can_post_messages,
    }


class BotAPIStub:
    def __init__(
        self, token: str = "123:ABC", bot_id: int = 123, username: str = "newsbot_test_bot", port: int = 0
    ) -> None:
        self.token = token
        self.bot_user = {"id": bot_id, "is_bot": True, "first_name": "newsbot", "username": username}
        self.calls: list[Call] = []
        self.problems: list[str] = []  # every message refused as malformed (400), as Telegram would
        self.admins: set[tuple[int, int]] = set()  # (chat id, user id) answered as the chat's creator
        self.blocked: set[int] = set()  # chats that answer 403: the bot was blocked
        self.channels: dict[int, Channel] = {}  # by id; see add_channel
        self._updates: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] = {}  # url, allowed_updates, secret_token as last set; {} when none
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self.port = port  # 0: any free port

    # --- life cycle -------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> BotAPIStub:
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), name="botapi-stub", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the Bot API stub did not start")
        return self

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop = None

    def __enter__(self) -> BotAPIStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        loop.run_until_complete(site.start())
        self.port = self._runner.addresses[0][1]
        ready.set()
        loop.run_forever()
        loop.close()

    async def _shutdown(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # --- what tests do --------------------------------------------------------------------------

    def add_update(self, update: dict[str, Any]) -> int:
        with self._lock:
            update_id = next(self._ids)
            self._updates.append({"update_id": update_id, **update})
        return update_id

    def send_text(
        self,
        text: str,
        chat_id: int = 1001,
        user_id: int | None = None,
        chat_type: str = "private",
        title: str | None = None,
        language: str = "ru",
    ) -> int:
        """Queue a message from a user; returns its update id."""
        update = self.text_update(text, chat_id, user_id, chat_type, title, language)
        with self._lock:
            self._updates.append(update)
        return int(update["update_id"])

    def text_update(
        self,
        text: str,
        chat_id: int = 1001,
        user_id: int | None = None,
        chat_type: str = "private",
        title: str | None = None,
        language: str = "ru",
    ) -> dict[str, Any]:
        """A message from a user as an Update with a new id, not queued (for posting to a webhook)."""
        user_id = chat_id if user_id is None else user_id
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if title:
            chat["title"] = title
        else:
            chat["first_name"] = f"User{chat_id}"
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "language_code": language},
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]
        with self._lock:
            update_id = next(self._ids)
        return {"update_id": update_id, "message": message}

    def press(self, message: dict[str, Any], label: str, user_id: int | None = None) -> int:
        """Queue a press on the button `label` (exact, or the start of it) under a message the bot sent."""
        for row in message.get("reply_markup", {}).get("inline_keyboard", []):
            for button in row:
                if button["text"] == label or button["text"].startswith(label):
                    user_id = message["chat"]["id"] if user_id is None else user_id
                    query = {
                        "id": str(next(self._message_ids)),
                        "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
                        "chat_instance": "stub",
                        "message": message,
                        "data": button["callback_data"],
                    }
                    return self.add_update({"callback_query": query})
        raise AssertionError(f"no button {label!r} under message {message.get('message_id')}")

    def add_channel(
        self,
        chat_id: int,
        username: str,
        title: str,
        *,
        owner: int | None = None,
        admins: tuple[int, ...] = (),
        subscribers: tuple[int, ...] = (),
        bot_admin: bool = True,
        bot_can_post: bool = True,
        chat_type: str = "channel",
    ) -> Channel:
        """Register (or replace) a channel: `getChat` finds it by id or by @username (any letter case)."""
        channel = Channel(chat_id, username.removeprefix("@"), title, owner, set(admins), set(subscribers),
                          bot_admin, bot_can_post, chat_type)  # fmt: skip
        with self._lock:
            self.channels[chat_id] = channel
        return channel

    def channel(self, chat_id: Any) -> Channel | None:
        """The registered channel a `chat_id` parameter (an id or "@username") names, if any."""
        text = str(chat_id)
        with self._lock:
            if text.startswith("@"):
                name = text[1:].lower()
                return next((c for c in self.channels.values() if c.username.lower() == name), None)
            try:
                return self.channels.get(int(text))
            except ValueError:
                return None

    def fail_next(self, method: str, status: int, description: str = "", retry_after: int | None = None,
                  times: int = 1) -> None:  # fmt: skip
        """The next `times` calls of `method` get this error instead of being served."""
        if not description:
            description = {
                429: f"Too Many Requests: retry after {retry_after or 1}",
                403: "Forbidden: bot was blocked by the user",
                400: "Bad Request: chat not found",
            }.get(status, "Internal Server Error")
        with self._lock:
            for _ in range(times):
                self._faults[method.lower()].append(Fault(status, description, retry_after))

    def calls_of(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method.lower()]

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """Messages sent to a chat (as Telegram returned them, plus `html`: the text as sent)."""
        return [c.result for c in self.calls_of("sendMessage") if c.ok and c.result["chat"]["id"] == chat_id]

    def wait_for(self, check: Callable[[], T | None], timeout: float = 15.0, what: str = "") -> T:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = check()
            if value:
                return value
            time.sleep(0.02)
        raise AssertionError(f"timed out waiting for {what or check}; calls: {[c.method for c in self.calls][-20:]}")

    def wait_messages(self, chat_id: int, count: int, timeout: float = 15.0) -> list[dict[str, Any]]:
        """Wait until the chat has at least `count` messages; return them all."""

        def check() -> list[dict[str, Any]] | None:
            found = self.messages(chat_id)
            return found if len(found) >= count else None

        return self.wait_for(check, timeout, f"{count} messages in chat {chat_id}")

    def wait_reply(self, chat_id: int, text: str, timeout: float = 15.0, **kwargs: Any) -> list[dict[str, Any]]:
        """Send `text` and wait until the bot has answered it (its messages stop coming for a moment)."""
        before = len(self.messages(chat_id))
        self.send_text(text, chat_id=chat_id, **kwargs)
        self.wait_messages(chat_id, before + 1, timeout)
        return self.settle(chat_id, before)

    def settle(self, chat_id: int, before: int, quiet: float = 0.3) -> list[dict[str, Any]]:
        """The messages after the first `before`, once no new one has come for `quiet` seconds."""
        seen = -1
        while True:
            count = len(self.messages(chat_id))
            if count == seen:
                return self.messages(chat_id)[before:]
            seen = count
            time.sleep(quiet)

    # --- the server -----------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"].lower()
        params = await self._params(request)
        if request.match_info["token"] != self.token:
            return self._record(method, params, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        with self._lock:
            fault = self._faults[method].popleft() if self._faults[method] else None
        if fault is not None:
            return self._record(method, params, fault.status, self._error(fault))
        if method == "getupdates":
            return self._record(method, params, 200, {"ok": True, "result": await self._get_updates(params)})
        status, body = self._serve_method(method, params)
        return self._record(method, params, status, body)

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            data = await request.json()
            return dict(data) if isinstance(data, dict) else {}
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            text = value if isinstance(value, str) else "<file>"
            params[key] = json.loads(text) if key in JSON_FIELDS else text
        return params

    def _record(self, method: str, params: dict[str, Any], status: int, body: dict[str, Any]) -> web.Response:
        with self._lock:
            self.calls.append(Call(method, params, status, body.get("result")))
        return web.json_response(body, status=status)

    @staticmethod
    def _error(fault: Fault) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": fault.status, "description": fault.description}
        if fault.retry_after is not None:
            body["parameters"] = {"retry_after": fault.retry_after}
        return body

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), 1.0)
        deadline = time.monotonic() + wait
        while True:
            with self._lock:
                if offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                pending = list(self._updates[:100])
            if pending or time.monotonic() >= deadline:
                return pending
            await asyncio.sleep(0.02)

    def _serve_method(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getme":
            return 200, {"ok": True, "result": self.bot_user}
        if method in MESSAGE_METHODS:
            return self._send_message(params)
        if method == "getchat":
            channel = self.channel(params.get("chat_id"))
            if channel is None:
                return self._refuse(400, "Bad Request: chat not found")
            return 200, {"ok": True, "result": channel.full_info()}
        if method == "getchatmember":
            if self.channel(params["chat_id"]) is not None or str(params["chat_id"]).startswith("@"):
                return self._channel_member(params)
            chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
            user = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
            if (chat_id, user_id) in self.admins:
                return 200, {"ok": True, "result": {"status": "creator", "user": user, "is_anonymous": False}}
            return 200, {"ok": True, "result": {"status": "member", "user": user}}
        if method in {"setwebhook", "getwebhookinfo", "deletewebhook"}:
            return 200, {"ok": True, "result": self._webhook_method(method, params)}
        if method in {"setmycommands", "answercallbackquery", "editmessagereplymarkup",
                      "sendchataction", "deletemessage", "close", "logout"}:  # fmt: skip
            return 200, {"ok": True, "result": True}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}

    def _webhook_method(self, method: str, params: dict[str, Any]) -> Any:
        with self._lock:
            if method == "setwebhook":
                self.webhook = {key: params[key] for key in ("url", "allowed_updates", "secret_token") if key in params}
                return True
            if method == "deletewebhook":
                self.webhook = {}
                return True
            info: dict[str, Any] = {"url": self.webhook.get("url", ""), "has_custom_certificate": False,
                                    "pending_update_count": 0}  # fmt: skip
            if "allowed_updates" in self.webhook:
                info["allowed_updates"] = self.webhook["allowed_updates"]
            return info  # Telegram never tells the secret back

    @staticmethod
    def _refuse(status: int, description: str) -> tuple[int, dict[str, Any]]:
        return status, {"ok": False, "error_code": status, "description": description}

    def _channel_member(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        channel = self.channel(params["chat_id"])
        if channel is None:
            return self._refuse(400, "Bad Request: chat not found")
        if not channel.bot_admin:  # Telegram shows a channel's members to its administrators only
            return self._refuse(400, "Bad Request: member list is inaccessible")
        user_id = int(params["user_id"])
        if user_id == self.bot_user["id"]:
            member = channel_administrator(self.bot_user, channel.bot_can_post)
        else:
            user = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
            if user_id == channel.owner:
                member = {"status": "creator", "user": user, "is_anonymous": False}
            elif user_id in channel.admins:
                member = channel_administrator(user)
            elif user_id in channel.subscribers:
                member = {"status": "member", "user": user}
            else:
                member = {"status": "left", "user": user}
        return 200, {"ok": True, "result": member}

    def _send_message(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        channel = self.channel(params["chat_id"]) if "chat_id" in params else None
        if channel is None and str(params.get("chat_id")).startswith("@"):
            return self._refuse(400, "Bad Request: chat not found")
        if channel is not None and not channel.bot_admin:
            return self._refuse(403, "Forbidden: bot is not a member of the channel chat")
        if channel is not None and not channel.bot_can_post:
            return self._refuse(400, "Bad Request: need administrator rights in the channel chat")
        if channel is not None:
            params = {**params, "chat_id": channel.id}
        problem = self._message_problem(params)
        if problem is not None:
            status = 403 if problem.startswith("Forbidden") else 400
            if status == 400:
                with self._lock:
                    self.problems.append(f"{problem}: {str(params.get('text'))[:200]!r}")
            return status, {"ok": False, "error_code": status, "description": problem}
        chat_id = int(params["chat_id"])
        text = str(params["text"])
        shown = visible_text(text) if params.get("parse_mode") == "HTML" else text
        result: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": self.bot_user,
            "text": shown,
            "html": text,
        }
        if params.get("reply_markup"):
            result["reply_markup"] = params["reply_markup"]
        if channel is not None and channel.type == "channel":  # a post: signed by the channel, not the bot
            result["chat"] = result["sender_chat"] = channel.chat()
            del result["from"]
        elif channel is not None:
            result["chat"] = channel.chat()
        elif chat_id < 0:
            result["chat"]["title"] = f"Group{-chat_id}"
        return 200, {"ok": True, "result": result}

    def _message_problem(self, params: dict[str, Any]) -> str | None:
        if "chat_id" not in params:
            return "Bad Request: chat_id is empty"
        if int(params["chat_id"]) in self.blocked:
            return "Forbidden: bot was blocked by the user"
        text = str(params.get("text") or "")
        if params.get("parse_mode") == "HTML":
            problem = check_telegram_html(text)
            if problem:
                return f"Bad Request: can't parse entities: {problem}"
            text = visible_text(text)
        if not text.strip():
            return "Bad Request: message text is empty"
        if utf16_len(text) > 4096:
            return "Bad Request: message is too long"
        markup = params.get("reply_markup") or {}
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if not button.get("text"):
                    return "Bad Request: BUTTON_TEXT_INVALID"
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    return "Bad Request: BUTTON_DATA_INVALID"
        return None
