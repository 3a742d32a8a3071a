FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# gettext compiles the portal's wording for allauth's pages (locale/), as `make install` does.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# A throwaway key: collectstatic reads the settings, which insist on one.
RUN SECRET_KEY=build-only \
    FIELD_ENCRYPTION_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
    sh -c "python manage.py collectstatic --noinput \
        && python manage.py compilemessages --locale en --ignore '.venv'"
RUN useradd --system coproduce
USER coproduce
EXPOSE 8000
# One entrypoint for every process (bin/start): web, worker, beat or migrate.
ENTRYPOINT ["bin/start"]
CMD ["web"]
