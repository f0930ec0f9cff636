-- One database per service (database per service). Run once by the postgres image on an empty volume.
CREATE DATABASE afiliados;
CREATE DATABASE conversiones;
CREATE DATABASE marketing;
