-- Decision 47/QĐ-BTTTT, section II: the sectoral databases "bổ sung, làm giàu" (supplement and
-- enrich) the population data. Level-2 e-ID (Decree 69/2024) shows documents integrated from
-- sectoral databases; these are the identifiers and documents the 19 reference systems link.
-- Land-use certificate serials carry a space (e.g. "DB 123456").
ALTER TABLE citizen_documents DROP CONSTRAINT citizen_documents_doc_type_check;
ALTER TABLE citizen_documents ADD CONSTRAINT citizen_documents_doc_type_check CHECK (doc_type IN (
  'social_insurance_number', 'health_insurance_card', 'tax_code', 'driving_licence', 'vehicle_registration', 'passport', 'enterprise_code', 'land_use_certificate', 'civil_servant_code', 'health_book', 'birth_registration', 'marriage_registration', 'diploma', 'judicial_record_certificate', 'social_assistance', 'researcher_id', 'phone_subscription'
));
