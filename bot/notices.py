"""Start-up notices printed before anything heavy is imported (`newsbot run` without a token)."""

NO_TOKEN = """\
BOT_TOKEN не задан / BOT_TOKEN is not set.

Как получить токен: напишите @BotFather в Telegram (https://t.me/BotFather), команда /newbot,
он пришлёт токен вида 123456789:AAE...; положите его в файл .env в папке проекта
(строка BOT_TOKEN=...; образец — .env.example) или в переменную окружения BOT_TOKEN.
Без токена бота можно попробовать в терминале: .venv/bin/newsbot console
(или просто newsbot console, если окружение активировано: . .venv/bin/activate)

How to get one: message @BotFather in Telegram (https://t.me/BotFather), send /newbot and it
replies with a token like 123456789:AAE...; put it in .env in the project folder (a line
BOT_TOKEN=...; see .env.example) or in the BOT_TOKEN environment variable.
Without a token you can try the bot offline in the terminal: .venv/bin/newsbot console
(or just newsbot console once the environment is activated: . .venv/bin/activate)
"""


BAD_TOKEN = """\
Telegram не принял BOT_TOKEN (401 Unauthorized): проверьте токен у @BotFather (/mybots → API Token).
Telegram rejected BOT_TOKEN (401 Unauthorized): check the token with @BotFather (/mybots → API Token).
"""
