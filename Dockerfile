FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# A throwaway key: collectstatic reads the settings, which insist on one.
RUN SECRET_KEY=build-only \
    FIELD_ENCRYPTION_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
    python manage.py collectstatic --noinput
RUN useradd --system coproduce
USER coproduce
EXPOSE 8000
CMD ["gunicorn", "coproduce.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
